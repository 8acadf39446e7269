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
        { KubeVersion: not null } or { ApiVersions.Count: > 0 } => throw new RenderException("--kube-version and --api-versions are not supported yet"),
        { IncludeCrds: true } or { NoHooks: true } or { SkipTests: true } or { IsUpgrade: true } or { Deterministic: true } =>
            throw new RenderException("--include-crds, --no-hooks, --skip-tests, --is-upgrade and --deterministic are not supported yet"),
        _ => Plain(arguments),
    };

    private static RenderOptions Plain(TemplateArguments arguments) => new()
    {
        ReleaseName = arguments.ReleaseName,
        Namespace = arguments.Namespace,
        ValuesFiles = arguments.ValuesFiles,
    };
}
