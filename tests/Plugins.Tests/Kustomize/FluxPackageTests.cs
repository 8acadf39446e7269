using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Kustomize;
using GitOpsHQ.Plugins.Manifests;

namespace GitOpsHQ.Plugins.Tests.Kustomize;

/// <summary>Kustomize bases and manifest bundles are packaged alike, as Flux OCI artifacts.</summary>
public class FluxPackageTests
{
    public static TheoryData<string> Handlers => ["kustomize", "manifests"];

    private static ArtifactHandler.ArtifactHandlerBase Handler(string kind) =>
        kind == "kustomize" ? new KustomizeBaseHandler() : new ManifestBundleHandler();

    private static List<ArtifactFile> Files() => Artifact.Files(
        ("overlays/prod/kustomization.yaml", "resources: [../../base]\n"),
        ("README.md", "# orders\n"),
        ("kustomization.yaml", "resources: [deployment.yaml]\n"),
        ("deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders\n"),
        (".helmignore", "*.md\n"));

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Packages_every_file_at_the_root_with_flux_media_types(string kind)
    {
        var package = await Handler(kind).Package(Artifact.PackageRequest("orders", "2.0.1", Files()), Artifact.Call());

        Assert.Equal("orders-2.0.1.tar.gz", package.Filename);
        Assert.Equal("application/vnd.cncf.flux.content.v1.tar+gzip", package.MediaType);
        Assert.Equal("application/vnd.cncf.flux.config.v1+json", package.ConfigMediaType);
        Assert.Equal("{}", package.ConfigJson);
        var entries = ArchiveReader.Read(package.Content.ToByteArray());
        Assert.Equal(
            [".helmignore", "README.md", "deployment.yaml", "kustomization.yaml", "overlays/prod/kustomization.yaml"],
            entries.Select(e => e.Name));
        Assert.Equal("resources: [deployment.yaml]\n", System.Text.Encoding.UTF8.GetString(entries[3].Content));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Packages_are_deterministic(string kind)
    {
        var handler = Handler(kind);
        var first = await handler.Package(Artifact.PackageRequest("orders", "2.0.1", Files()), Artifact.Call());
        var second = await handler.Package(Artifact.PackageRequest("orders", "2.0.1", Enumerable.Reverse(Files())), Artifact.Call());
        var later = await handler.Package(Artifact.PackageRequest("orders", "2.0.1", Files(), timestamp: 1_800_000_000), Artifact.Call());

        Assert.Equal(first.Content.ToByteArray(), second.Content.ToByteArray());
        Assert.NotEqual(first.Content.ToByteArray(), later.Content.ToByteArray());
        Assert.All(ArchiveReader.Read(later.Content.ToByteArray()),
            e => Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), e.Modified));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Bad_requests_are_refused(string kind)
    {
        var handler = Handler(kind);

        await Expect.InvalidArgument(() => handler.Package(Artifact.PackageRequest("", "1.0.0", Files()), Artifact.Call()), "name is required");
        await Expect.InvalidArgument(() => handler.Package(Artifact.PackageRequest("a/b", "1.0.0", Files()), Artifact.Call()), "not a usable artifact name");
        await Expect.InvalidArgument(() => handler.Package(Artifact.PackageRequest("orders", "1 0", Files()), Artifact.Call()), "cannot be part of a file name");
        await Expect.InvalidArgument(
            () => handler.Package(Artifact.PackageRequest("orders", "1.0.0", [Artifact.File("../x", "y")]), Artifact.Call()), "Bad file path");
        await Expect.InvalidArgument(
            () => handler.Package(Artifact.PackageRequest("orders", "1.0.0", [Artifact.File(new string('x', 300), "y")]), Artifact.Call()), "too long");
    }
}
