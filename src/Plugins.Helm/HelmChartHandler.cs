using Grpc.Core;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Chart;
using GitOpsHQ.Plugins.Helm.Packaging;
using GitOpsHQ.Plugins.Helm.Scaffold;
using GitOpsHQ.Plugins.Sdk;

namespace GitOpsHQ.Plugins.Helm;

/// <summary>The Helm chart artifact type: scaffolds, validates and packages charts.</summary>
public sealed class HelmChartHandler : ArtifactHandler.ArtifactHandlerBase
{
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

    public override Task<RenderResponse> Render(RenderRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(
            StatusCode.Unimplemented,
            "Rendering Helm charts needs the Helm template engine, which this server does not have yet."));
}
