using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Rendering;

namespace GitOpsHQ.Plugins.Helm.Template;

/// <summary><c>helm template</c>: a chart's files and the arguments in, the printed manifests out.</summary>
public static class ChartTemplate
{
    /// <summary>What <c>helm template</c> prints; throws <see cref="RenderException"/> with Helm's wording.</summary>
    public static string Render(IEnumerable<ArtifactFile> files, TemplateArguments arguments) =>
        ChartRenderer.Render(files, Options(arguments));

    internal static RenderOptions Options(TemplateArguments arguments) => arguments switch
    {
        { Overrides.Count: > 0 } => throw new RenderException("--set, --set-string and --set-json are not supported yet"),
        { Deterministic: true } => throw new RenderException("--deterministic is not supported yet"),
        _ => new RenderOptions
        {
            ReleaseName = arguments.ReleaseName,
            Namespace = arguments.Namespace,
            ValuesFiles = arguments.ValuesFiles,
            KubeVersion = arguments.KubeVersion,
            ApiVersions = arguments.ApiVersions,
            IncludeCrds = arguments.IncludeCrds,
            NoHooks = arguments.NoHooks,
            SkipTests = arguments.SkipTests,
            IsUpgrade = arguments.IsUpgrade,
        },
    };
}
