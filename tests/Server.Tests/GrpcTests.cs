using CatalogClient = GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;
using Grpc.Net.Client;

namespace GitOpsHQ.Server.Tests;

/// <summary>The same catalog over native gRPC and gRPC-Web.</summary>
public sealed class GrpcTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> Doors => ["grpc", "grpc-web"];

    private GrpcChannel Channel(string door) => door == "grpc" ? _server.Grpc() : _server.GrpcWeb();

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Edits_publishes_and_reads_a_chart(string door)
    {
        var catalog = new CatalogClient(Channel(door));
        var name = "web-" + door.Replace("-", "");
        var artifact = await catalog.CreateArtifactAsync(new CreateArtifactRequest { Collection = "charts", Name = name, Scaffold = true });
        Assert.Equal("helm", artifact.SourceType);

        var chart = await catalog.GetFileAsync(new GetFileRequest { Collection = "org-charts", Name = name, Path = "Chart.yaml" });
        var edited = chart.Text.Replace("version: 0.1.0", "version: 1.0.0");
        Assert.NotEqual(chart.Text, edited);
        var commit = await catalog.WriteFileAsync(new WriteFileRequest
        {
            Collection = "org-charts", Name = name, Path = "Chart.yaml", Text = edited, BaseCommit = chart.Commit, Message = "Release 1.0.0",
        });
        Assert.Equal("admin", commit.Author.Username);

        var version = await catalog.PublishVersionAsync(new PublishVersionRequest { Collection = "org-charts", Name = name, Version = "1.0.0", Notes = "First" });
        Assert.Equal(commit.Commit, version.Commit);
        Assert.Equal("tag", Git.Run(_server.RepositoryPath("charts", name), "cat-file", "-t", "1.0.0").Trim());

        var versions = await catalog.ListVersionsAsync(new ListVersionsRequest { Collection = "org-charts", Name = name });
        Assert.Equal("1.0.0", Assert.Single(versions.Versions).Version_);

        var list = await catalog.ListArtifactsAsync(new ListArtifactsRequest { Collection = "org-charts", Search = name });
        Assert.Equal("1.0.0", Assert.Single(list.Artifacts).LatestVersion);

        var package = await catalog.GetPackageAsync(new VersionRef { Collection = "org-charts", Name = name, Version = "1.0.0" });
        Assert.Equal($"{name}-1.0.0.tgz", package.Filename);
        Assert.StartsWith("sha256:", package.Digest);
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task Errors_carry_the_grpc_status_of_the_error_table(string door)
    {
        var catalog = new CatalogClient(Channel(door));
        var unknown = await Assert.ThrowsAsync<RpcException>(async () =>
            await catalog.GetArtifactAsync(new ArtifactRef { Collection = "org-charts", Name = "missing" }));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.StartsWith("ARTIFACT_UNKNOWN", unknown.Status.Detail);

        await catalog.CreateArtifactAsync(new CreateArtifactRequest { Collection = "org-manifest-bundles", Name = "b-" + door, Scaffold = true });
        await catalog.PublishVersionAsync(new PublishVersionRequest { Collection = "org-manifest-bundles", Name = "b-" + door, Version = "1" });
        var taken = await Assert.ThrowsAsync<RpcException>(async () =>
            await catalog.PublishVersionAsync(new PublishVersionRequest { Collection = "org-manifest-bundles", Name = "b-" + door, Version = "1" }));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        Assert.Contains("version already exists", taken.Status.Detail);

        var stale = await Assert.ThrowsAsync<RpcException>(async () => await catalog.WriteFileAsync(new WriteFileRequest
        {
            Collection = "org-manifest-bundles", Name = "b-" + door, Path = "x.yaml", Text = "x", BaseCommit = new string('0', 40),
        }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var noVersion = await Assert.ThrowsAsync<RpcException>(async () =>
            await catalog.GetVersionAsync(new VersionRef { Collection = "org-manifest-bundles", Name = "b-" + door, Version = "2" }));
        Assert.Equal(StatusCode.NotFound, noVersion.StatusCode);
        Assert.StartsWith("VERSION_UNKNOWN", noVersion.Status.Detail);
    }
}
