using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// What a new version must satisfy, however it arrives (API, editor, git push): a servable, unique tag whose
/// files pass the type plugin's validation for that version.
/// </summary>
public static class VersionRules
{
    /// <summary>
    /// Refuses a version whose tag exists, or another version served under the same registry tag; both are looked up by
    /// name (the tag itself, and the version index's record of the registry tag), never by reading every version. Returns
    /// the version index as it stands before the new version, for the writer to carry forward once its tag exists.
    /// Callers hold the artifact's write scope.
    /// </summary>
    public static VersionIndex.State RequireNew(ArtifactRepositories repositories, ArtifactRepository repo, ArtifactKind kind, string name, string version)
    {
        VersionTag.Require(version);
        if (repo.FindTag(version) is not null) throw Exists(name, version);
        var state = repositories.VersionIndex.Current(repo, kind.Kind, name);
        var ociTag = VersionTag.ToOciTag(version);
        if (repositories.VersionIndex.VersionOfOciTag(repo, kind.Kind, name, ociTag) is { } clash && clash != version)
            throw new ProductException(ErrorCode.VersionExists,
                $"version already exists: {name} {clash} is served under the same registry tag '{ociTag}' as {version}.");
        return state;
    }

    public static async Task RequireValidAsync(ArtifactKind kind, string name, string version, IEnumerable<ArtifactFile> files, CancellationToken ct)
    {
        var validation = await kind.ValidateAsync(new ValidateRequest { Name = name, Version = version, Files = { files } }, ct);
        if (!validation.Valid)
            throw new ProductException(ErrorCode.ValidationFailed, $"{name} {version} cannot be published: validation failed.",
                validation.Diagnostics.Where(d => d.Severity == Severity.Error).Select(Format).ToList());
    }

    public static ProductException Exists(string name, string version) =>
        new(ErrorCode.VersionExists, $"version already exists: {name} {version} is published, and published versions never change.");

    private static string Format(Diagnostic d) =>
        (d.File, d.Line) switch
        {
            ("", _) => d.Message,
            (_, 0) => $"{d.File}: {d.Message}",
            _ => d.Column > 0 ? $"{d.File}:{d.Line}:{d.Column}: {d.Message}" : $"{d.File}:{d.Line}: {d.Message}",
        };
}
