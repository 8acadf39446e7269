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
    public static void RequireNew(ArtifactRepository repo, string name, string version)
    {
        VersionTag.Require(version);
        if (repo.FindTag(version) is not null) throw Exists(name, version);
        var ociTag = VersionTag.ToOciTag(version);
        var clash = repo.VersionTags.FirstOrDefault(t => VersionTag.ToOciTag(t.FriendlyName) == ociTag);
        if (clash is not null)
            throw new ProductException(ErrorCode.VersionExists,
                $"version already exists: {name} {clash.FriendlyName} is served under the same registry tag '{ociTag}' as {version}.");
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
