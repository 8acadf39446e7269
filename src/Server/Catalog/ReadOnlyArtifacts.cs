using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// An artifact whose versions come from an external source is read-only: every write — file edits, renames, publishing,
/// deleting, git push, OCI push — is refused with the source named. Its versions are only ever imported from the source.
/// </summary>
public static class ReadOnlyArtifacts
{
    public static void RequireEditable(ArtifactRepository repo, string name, string action)
    {
        if (repo.Source is { } source)
            throw new ProductException(ErrorCode.ReadOnly,
                $"{name} is read-only: its versions come from {source.Describe()}, so it cannot be {action} here.");
    }
}
