using GitOpsHQ.Plugins.Sdk.Files;
using Grpc.Core;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Chart;
using GitOpsHQ.Plugins.Helm.Packaging;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Plugins.Helm.Scaffold;
using GitOpsHQ.Plugins.Helm.Template;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm;

/// <summary>The Helm chart artifact type: scaffolds, validates, packages and renders charts.</summary>
public sealed class HelmChartHandler : ArtifactHandler.ArtifactHandlerBase
{
    /// <summary>Loaded charts and parsed templates of the charts previewed lately, by content.</summary>
    private static readonly RenderCache Templates = new();

    public override Task<DescribeResponse> Describe(DescribeRequest request, ServerCallContext context) =>
        Task.FromResult(new DescribeResponse
        {
            Kind = "charts",
            Collection = "org-charts",
            DisplayName = "Helm chart",
            SourceType = "helm",
            PluginVersion = PluginVersion.Of(typeof(HelmChartHandler)),
        });

    public override Task<ScaffoldResponse> Scaffold(ScaffoldRequest request, ServerCallContext context) =>
        Task.FromResult(ChartScaffold.Create(request));

    public override Task<ValidateResponse> Validate(ValidateRequest request, ServerCallContext context) =>
        ChartCheck.Run(request, context.CancellationToken);

    public override Task<PackageResponse> Package(PackageRequest request, ServerCallContext context) =>
        Task.FromResult(ChartPackage.Build(request));

    public override Task<UnpackResponse> Unpack(UnpackRequest request, ServerCallContext context) =>
        Task.FromResult(ChartPackage.Unpack(request));

    /// <summary>
    /// <c>helm template</c> of the chart with the request's values files and options (see
    /// <see cref="TemplateArguments"/>); a chart that does not render answers its error as a diagnostic.
    /// </summary>
    public override async Task<RenderResponse> Render(RenderRequest request, ServerCallContext context)
    {
        RenderOptions options;
        try
        {
            options = TemplateArguments.From(request) with { Cache = Templates, CancellationToken = context.CancellationToken };
        }
        catch (ArgumentException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }

        try
        {
            return new RenderResponse
            {
                Manifests = await ChartRenderer.RenderAsync(ArtifactFiles.ToFileSet(request.Files), options),
            };
        }
        catch (RenderException e)
        {
            return new RenderResponse
            {
                Diagnostics = { new Diagnostic { Severity = Severity.Error, Message = e.Message } },
            };
        }
    }

    /// <summary>
    /// Values meant for <see cref="Render"/> against the chart: its schema findings (each chart's, as <c>helm template</c>
    /// lists them) and the keys no chart of the tree reads.
    /// </summary>
    public override Task<CheckValuesResponse> CheckValues(CheckValuesRequest request, ServerCallContext context)
    {
        var options = new RenderOptions { ValuesFiles = [.. request.Values], Cache = Templates, CancellationToken = context.CancellationToken };
        try
        {
            var (violations, unread) = ChartRenderer.CheckValues(ArtifactFiles.ToFileSet(request.Files), options);
            return Task.FromResult(new CheckValuesResponse { Violations = { violations }, UnreadKeys = { unread } });
        }
        catch (RenderException e)
        {
            return Task.FromResult(new CheckValuesResponse { Violations = { e.Message } });
        }
    }
}
