using GitOpsHQ.Files;
using Grpc.Core;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Kustomize.Bases;
using GitOpsHQ.Kustomize;
using GitOpsHQ.Plugins.Kustomize.Scaffold;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Archives;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Validation;


namespace GitOpsHQ.Plugins.Kustomize;

/// <summary>The Kustomize base artifact type: scaffolds, validates, packages and builds bases.</summary>
public sealed class KustomizeBaseHandler : ArtifactHandler.ArtifactHandlerBase
{
    public override Task<DescribeResponse> Describe(DescribeRequest request, ServerCallContext context) =>
        Task.FromResult(new DescribeResponse
        {
            Kind = "kustomize-bases",
            Collection = "org-kustomize-bases",
            DisplayName = "Kustomize base",
            SourceType = "kustomize",
            PluginVersion = PluginVersion.Of(typeof(KustomizeBaseHandler)),
        });

    public override Task<ScaffoldResponse> Scaffold(ScaffoldRequest request, ServerCallContext context) =>
        Task.FromResult(BaseScaffold.Create(request));

    public override Task<ValidateResponse> Validate(ValidateRequest request, ServerCallContext context)
    {
        ArtifactName.RequirePresent(request.Name);
        var files = ArtifactFiles.ToFileSet(request.Files);
        var report = new ValidationReport();
        new BaseCheck(files, report).Run();
        return Task.FromResult(AgreeWithBuild(files, report, context.CancellationToken).ToResponse());
    }

    /// <summary>
    /// What validates must build, and what builds must validate: the build itself, with the render's limits, decides.
    /// The static check's findings keep their file and line; where the build succeeds they are warnings, where it fails
    /// its error is added. A base with remote bases cannot be built here (they are fetched when it is rendered), so
    /// the static check decides for it.
    /// </summary>
    private static ValidationReport AgreeWithBuild(FileSet files, ValidationReport check, CancellationToken cancellation)
    {
        var report = new ValidationReport();
        try
        {
            KustomizeBuild.Run(files, "", BuildLimits.Default with { Cancellation = cancellation }, new FetchedRemoteSources(new Dictionary<string, FileSet>()));
            foreach (var finding in check.Diagnostics)
                report.Add(finding.Severity == Severity.Error ? new Diagnostic(finding) { Severity = Severity.Warning } : finding);
            return report;
        }
        catch (RemoteSourceMissingException)
        {
            return check;
        }
        catch (KustomizeBuildException e)
        {
            foreach (var finding in check.Diagnostics) report.Add(finding);
            report.Error(KustomizationFile.In(files, "").FirstOrDefault() ?? "", $"kustomize build fails: {e.Message}");
            return report;
        }
    }

    public override Task<PackageResponse> Package(PackageRequest request, ServerCallContext context) =>
        Task.FromResult(FluxArtifact.Package(request));

    public override Task<UnpackResponse> Unpack(UnpackRequest request, ServerCallContext context) =>
        Task.FromResult(FluxArtifact.Unpack(request, "Kustomize base"));

    /// <summary>
    /// `kustomize build` of the base (or of the folder named by the "root" option), in-process. Remote bases are
    /// built from the request's remote sources; one that is missing is named in the answer for the caller to fetch.
    /// </summary>
    public override Task<RenderResponse> Render(RenderRequest request, ServerCallContext context)
    {
        try
        {
            var root = request.Options.TryGetValue("root", out var folder) ? folder : "";
            var remotes = new FetchedRemoteSources(request.RemoteSources
                .GroupBy(source => source.Url, StringComparer.Ordinal)
                .ToDictionary(group => group.Key, group => ArtifactFiles.ToFileSet(group.First().Files), StringComparer.Ordinal));
            return Task.FromResult(new RenderResponse { Manifests = KustomizeBuild.Run(ArtifactFiles.ToFileSet(request.Files), root,
                BuildLimits.Default with { Cancellation = context.CancellationToken }, remotes) });
        }
        catch (RemoteSourceMissingException e)
        {
            return Task.FromResult(new RenderResponse { MissingRemoteSources = { e.Url } });
        }
        catch (KustomizeBuildException e)
        {
            return Task.FromResult(new RenderResponse
            {
                Diagnostics = { new Diagnostic { Severity = Severity.Error, Message = e.Message } },
            });
        }
    }
}
