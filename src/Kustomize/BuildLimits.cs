namespace GitOpsHQ.Kustomize;

/// <summary>
/// Bounds on what one build may read and hold, so that a hostile or careless base cannot exhaust the
/// server: every bound passed fails the build with a <see cref="KustomizeBuildException"/> naming it.
/// The defaults leave room for any real kustomization.
/// </summary>
public sealed record BuildLimits
{
    /// <summary>The limits a build gets unless the caller gives others.</summary>
    public static readonly BuildLimits Default = new();

    private static readonly AsyncLocal<BuildLimits?> Ambient = new();

    /// <summary>Resources in the build at any time, generated ones included.</summary>
    public int MaxResources { get; init; } = 10_000;

    /// <summary>Characters of one YAML document (a resource, a patch or a kustomization file).</summary>
    public int MaxDocumentSize { get; init; } = 4 * 1024 * 1024;

    /// <summary>Levels of maps and lists inside one YAML document.</summary>
    public int MaxNestingDepth { get; init; } = 100;

    /// <summary>Values one YAML file may expand to; aliases count once per use, which stops alias bombs.</summary>
    public int MaxYamlNodes { get; init; } = 2_000_000;

    /// <summary>Bytes of all the artifact's files together.</summary>
    public long MaxInputBytes { get; init; } = 128L * 1024 * 1024;

    /// <summary>Kustomizations nested in each other (an overlay of a base of a base...), the root counting as one.</summary>
    public int MaxKustomizationDepth { get; init; } = 32;

    /// <summary>
    /// kustomize's load restrictor: false (<c>LoadRestrictionsRootOnly</c>, the default, and always so for builds on the
    /// server) keeps every file a kustomization reads in or below its own directory; true (<c>LoadRestrictionsNone</c>)
    /// lets it read any file of the set, as <c>kubectl kustomize --load-restrictor LoadRestrictionsNone</c> does.
    /// </summary>
    public bool FilesOutsideRoot { get; init; }

    /// <summary>True when a kustomization in <paramref name="directory"/> may read the file at <paramref name="path"/>
    /// (null: a path that leaves the set).</summary>
    internal static bool MayRead(string directory, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? path) =>
        path is not null && (Current.FilesOutsideRoot || directory.Length == 0 || path.StartsWith(directory + "/", StringComparison.Ordinal));

    /// <summary>kustomize's words for a file (as <paramref name="shown"/>) that a kustomization in <paramref name="directory"/> may not read.</summary>
    internal static string OutsideRoot(string directory, string shown) =>
        $"security; file '{shown}' is not in or below '{(directory.Length == 0 ? "." : directory)}'";

    /// <summary>Ends the build (with <see cref="OperationCanceledException"/>) when the caller stops waiting for it.</summary>
    public CancellationToken Cancellation { get; init; }

    /// <summary>The limits of the build running on this flow of execution (the defaults outside a build).</summary>
    internal static BuildLimits Current => Ambient.Value ?? Default;

    /// <summary>Makes these limits the current ones until the returned scope is disposed.</summary>
    internal IDisposable Apply()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Scope(previous);
    }

    private sealed class Scope(BuildLimits? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
