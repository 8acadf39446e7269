using Grpc.Core;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Manifests.Bundles;
using GitOpsHQ.Plugins.Manifests.Scaffold;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Archives;
using GitOpsHQ.Plugins.Sdk.Files;

namespace GitOpsHQ.Plugins.Manifests;

/// <summary>The manifest bundle artifact type: plain Kubernetes YAML, applied as is.</summary>
public sealed class ManifestBundleHandler : ArtifactHandler.ArtifactHandlerBase
{
    public override Task<DescribeResponse> Describe(DescribeRequest request, ServerCallContext context) =>
        Task.FromResult(new DescribeResponse
        {
            Kind = "manifest-bundles",
            Collection = "org-manifest-bundles",
            DisplayName = "Manifest bundle",
            SourceType = "manifests",
            PluginVersion = PluginVersion.Of(typeof(ManifestBundleHandler)),
        });

    public override Task<ScaffoldResponse> Scaffold(ScaffoldRequest request, ServerCallContext context) =>
        Task.FromResult(BundleScaffold.Create(request));

    public override Task<ValidateResponse> Validate(ValidateRequest request, ServerCallContext context)
    {
        ArtifactName.RequirePresent(request.Name);
        var report = BundleCheck.Run(ArtifactFiles.ToFileSet(request.Files), context.CancellationToken);
        return Task.FromResult(report.ToResponse());
    }

    public override Task<PackageResponse> Package(PackageRequest request, ServerCallContext context) =>
        Task.FromResult(FluxArtifact.Package(request));

    public override Task<UnpackResponse> Unpack(UnpackRequest request, ServerCallContext context) =>
        Task.FromResult(FluxArtifact.Unpack(request, "manifest bundle"));

    public override Task<RenderResponse> Render(RenderRequest request, ServerCallContext context) =>
        Task.FromResult(BundleRender.Run(ArtifactFiles.ToFileSet(request.Files), context.CancellationToken));
}
