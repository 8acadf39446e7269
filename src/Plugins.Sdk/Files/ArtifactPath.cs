using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Sdk.Files;

/// <summary>
/// Paths inside an artifact: relative to its root, '/' separated, without '.' or '..' segments (the rules are
/// <see cref="FilePath"/>'s, shared with the engines).
/// </summary>
public static class ArtifactPath
{
    /// <summary>
    /// The catalog's form of a path a person or an archive wrote ("./a//b.yaml" is "a/b.yaml"), or the rule it breaks
    /// (see <see cref="Contracts.ArtifactPaths"/>).
    /// </summary>
    public static (string? Path, string? Problem) Normalise(string? path) => Contracts.ArtifactPaths.Normalise(path);

    /// <inheritdoc cref="FilePath.Problem"/>
    public static string? Problem(string path) => FilePath.Problem(path);

    /// <inheritdoc cref="FilePath.DirectoryOf"/>
    public static string DirectoryOf(string path) => FilePath.DirectoryOf(path);

    /// <inheritdoc cref="FilePath.NameOf"/>
    public static string NameOf(string path) => FilePath.NameOf(path);

    /// <inheritdoc cref="FilePath.Resolve"/>
    public static string? Resolve(string directory, string relative) => FilePath.Resolve(directory, relative);

    /// <inheritdoc cref="FilePath.Join"/>
    public static string Join(string directory, string name) => FilePath.Join(directory, name);
}
