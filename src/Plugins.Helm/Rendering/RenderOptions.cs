namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>What <c>helm template</c> takes besides the chart: release name, namespace and user values files.</summary>
public sealed record RenderOptions
{
    public string ReleaseName { get; init; } = "release-name";

    public string Namespace { get; init; } = "default";

    /// <summary>Texts of values files (<c>-f</c>), in order; later files win.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>--set, --set-string, --set-json and --set-literal flags in command-line order; applied after the values files.</summary>
    public IReadOnlyList<ValueOverride> Overrides { get; init; } = [];

    public static RenderOptions Default { get; } = new();
}
