using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// A file path inside an artifact: relative, '/'-separated, normalised; never "..", absolute, a control character or
/// anything under ".git" (one rule for every door and plugin: <see cref="Contracts.ArtifactPaths"/>).
/// </summary>
public static class ArtifactPath
{
    public static string Normalise(string? path) =>
        Contracts.ArtifactPaths.Normalise(path) is { Path: { } normalised }
            ? normalised
            : throw new ProductException(ErrorCode.PathInvalid,
                $"'{path}' is not a valid file path: {Contracts.ArtifactPaths.Normalise(path).Problem}.");
}
