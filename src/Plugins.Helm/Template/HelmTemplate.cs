using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Rendering;

namespace GitOpsHQ.Plugins.Helm.Template;

/// <summary><c>helm template</c>: a chart's files and the arguments in, the printed manifests out.</summary>
public static class HelmTemplate
{
    /// <summary>What <c>helm template</c> prints; throws <see cref="RenderException"/> with Helm's wording.</summary>
    /// <remarks>
    /// With a <paramref name="cache"/>, parsed templates are shared with earlier renders of the same chart content.
    /// </remarks>
    public static string Render(IEnumerable<ArtifactFile> files, TemplateArguments arguments, RenderCache? cache = null,
        CancellationToken cancellationToken = default) =>
        ChartRenderer.Render(files, Options(arguments) with { Cache = cache, CancellationToken = cancellationToken });

    internal static RenderOptions Options(TemplateArguments arguments) => new()
    {
        ReleaseName = arguments.ReleaseName,
        Namespace = arguments.Namespace,
        ValuesFiles = arguments.ValuesFiles,
        Overrides = [.. arguments.Overrides.Select(o => new ValueOverride(Kind(o.Kind), o.Text))],
        KubeVersion = arguments.KubeVersion,
        ApiVersions = arguments.ApiVersions,
        IncludeCrds = arguments.IncludeCrds,
        NoHooks = arguments.NoHooks,
        SkipTests = arguments.SkipTests,
        IsUpgrade = arguments.IsUpgrade,
        Deterministic = arguments.Deterministic,
    };

    private static ValueOverrideKind Kind(string flag) => flag switch
    {
        "set" => ValueOverrideKind.Set,
        "set-string" => ValueOverrideKind.SetString,
        "set-json" => ValueOverrideKind.SetJson,
        "set-literal" => ValueOverrideKind.SetLiteral,
        _ => throw new ArgumentException($"unknown values flag --{flag}"),
    };
}
