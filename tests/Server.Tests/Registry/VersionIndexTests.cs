using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>
/// The version index (DATA/cache/versions) is derived from Git: missing, unreadable or stale, it is read again from the
/// repository, and tags, digests and clash checks answer as before.
/// </summary>
public sealed class VersionIndexTests
{
    private const string Collection = "org-manifest-bundles";
    private const string Kind = "manifest-bundles";

    private sealed record Pulled(string Manifest, string Digest, string Config, string Layer);

    private static async Task<Pulled> PullAsync(HttpClient oci, string tag)
    {
        var response = await oci.GetAsync($"/v2/{Kind}/app/manifests/{tag}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var manifest = await response.Content.ReadAsStringAsync();
        var body = JsonNode.Parse(manifest)!;
        return new Pulled(manifest, response.Headers.GetValues("Docker-Content-Digest").Single(), body["config"]!["digest"]!.GetValue<string>(),
            body["layers"]![0]!["digest"]!.GetValue<string>());
    }

    /// <summary>The manifest and both blobs of a version answer by digest.</summary>
    private static async Task AssertServedByDigestAsync(HttpClient oci, Pulled pulled)
    {
        var byDigest = await oci.GetAsync($"/v2/{Kind}/app/manifests/{pulled.Digest}");
        Assert.Equal(HttpStatusCode.OK, byDigest.StatusCode);
        Assert.Equal(pulled.Manifest, await byDigest.Content.ReadAsStringAsync());
        Assert.Equal(pulled.Layer, OciLayout.Digest(await oci.GetByteArrayAsync($"/v2/{Kind}/app/blobs/{pulled.Layer}")));
        Assert.Equal(pulled.Config, OciLayout.Digest(await oci.GetByteArrayAsync($"/v2/{Kind}/app/blobs/{pulled.Config}")));
    }

    private static async Task PublishAsync(HttpClient api, string version, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var (status, body) = await api.Post($"/api/v2/{Collection}/app/versions", new { version });
        Assert.True(status == expected, $"publish {version}: {status} {body}");
    }

    private static VersionIndex.State State(TestServer server)
    {
        var repositories = server.Services.GetRequiredService<ArtifactRepositories>();
        using var repo = repositories.Open(repositories.Kind(Kind), "app");
        return repositories.VersionIndex.Current(repo, Kind, "app");
    }

    private static List<string> Unbuilt(TestServer server) =>
        server.Services.GetRequiredService<ArtifactRepositories>().VersionIndex.Unbuilt(Kind, "app");

    private static string Folder(TestServer server) => Path.Combine(server.DataPath, "cache", "versions", Kind, "app");

    [Fact]
    public async Task A_missing_index_is_rebuilt_from_Git_and_digests_resolve()
    {
        var data = TempFolder.Create("vindex-missing");
        try
        {
            await using var server = await TestServer.StartAsync(data);
            using var api = server.Http();
            await api.Post($"/api/v2/{Collection}", new { name = "app", scaffold = true });
            await PublishAsync(api, "1.0.0");
            await PublishAsync(api, "1.1.0");
            using var oci = OciHttp.Client(server, server.AdminToken);
            var first = await PullAsync(oci, "1.0.0");
            var second = await PullAsync(oci, "1.1.0");

            // Every derived file goes: the index, the built manifests and the blobs.
            Directory.Delete(Path.Combine(data, "cache"), recursive: true);
            Directory.Delete(Path.Combine(data, "registry", "blobs"), recursive: true);

            await AssertServedByDigestAsync(oci, first);
            await AssertServedByDigestAsync(oci, second);
            var state = State(server);
            Assert.Equal((2, "1.1.0"), (state.Count, state.Latest));
            Assert.Empty(Unbuilt(server));
            Assert.True(File.Exists(Path.Combine(Folder(server), "state.json")));

            await PublishAsync(api, "1.1.0", HttpStatusCode.Conflict);
            await PublishAsync(api, "1.2.0");
            var (_, summary) = await api.Get($"/api/v2/{Collection}/app");
            Assert.Equal("1.2.0", summary.Str("latestVersion"));
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public async Task A_corrupt_index_is_not_believed()
    {
        var data = TempFolder.Create("vindex-corrupt");
        try
        {
            await using var server = await TestServer.StartAsync(data);
            using var api = server.Http();
            await api.Post($"/api/v2/{Collection}", new { name = "app", scaffold = true });
            await PublishAsync(api, "1.0.0+build.1");
            using var oci = OciHttp.Client(server, server.AdminToken);
            var pulled = await PullAsync(oci, "1.0.0_build.1");

            var folder = Folder(server);
            File.WriteAllText(Path.Combine(folder, "state.json"), "{\"Format\": 1, \"Stamp\": ");
            foreach (var file in Directory.GetFiles(Path.Combine(folder, "built"))) File.WriteAllText(file, "not json");
            // Records naming a version that is not there, or the right version with another tag object, are ignored.
            foreach (var file in Directory.GetFiles(Path.Combine(folder, "digests"))) File.WriteAllText(file, "9.9.9\n0000000000000000000000000000000000000000\n");
            File.WriteAllText(Path.Combine(folder, "digests", pulled.Layer.Replace(':', '-')), "1.0.0+build.1\n0000000000000000000000000000000000000000\n");
            File.WriteAllText(Path.Combine(folder, "oci-tags", "1.0.0_build.1"), "garbage\n");

            Assert.Equal(pulled.Manifest, await (await oci.GetAsync($"/v2/{Kind}/app/manifests/1.0.0_build.1")).Content.ReadAsStringAsync());
            await AssertServedByDigestAsync(oci, pulled);
            // The clash check reads the registry tag's record again: 1.0.0_build.1 is served as 1.0.0+build.1.
            File.WriteAllText(Path.Combine(folder, "oci-tags", "1.0.0_build.1"), "garbage\n");
            File.WriteAllText(Path.Combine(folder, "state.json"), "[]");
            await PublishAsync(api, "1.0.0_build.1", HttpStatusCode.Conflict);
            var state = State(server);
            Assert.Equal((1, "1.0.0+build.1"), (state.Count, state.Latest));

            var unknown = await oci.GetAsync($"/v2/{Kind}/app/manifests/sha256:{new string('a', 64)}");
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public async Task A_tag_created_with_git_directly_makes_the_index_stale()
    {
        var data = TempFolder.Create("vindex-stale");
        try
        {
            await using var server = await TestServer.StartAsync(data);
            using var api = server.Http();
            await api.Post($"/api/v2/{Collection}", new { name = "app", scaffold = true });
            await PublishAsync(api, "1.0.0");
            using var oci = OciHttp.Client(server, server.AdminToken);
            await PullAsync(oci, "1.0.0");
            Assert.Equal(1, State(server).Count);

            // Outside the server: an annotated tag written into the bare repository by git itself.
            var repository = server.RepositoryPath(Kind, "app");
            Git.Run(repository, "-c", "user.name=Someone", "-c", "user.email=someone@example.com", "tag", "-a", "2.0.0+git", "-m", "by hand", "main");

            var pulled = await PullAsync(oci, "2.0.0_git");
            await AssertServedByDigestAsync(oci, pulled);
            await PublishAsync(api, "2.0.0_git", HttpStatusCode.Conflict);
            await PublishAsync(api, "2.0.0+git", HttpStatusCode.Conflict);
            var state = State(server);
            Assert.Equal((2, "2.0.0+git"), (state.Count, state.Latest));
            var tags = JsonNode.Parse(await oci.GetStringAsync($"/v2/{Kind}/app/tags/list"))!["tags"]!.AsArray().Select(t => t!.GetValue<string>());
            Assert.Equal(["1.0.0", "2.0.0_git"], tags);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public async Task A_version_never_pulled_by_tag_resolves_by_digest_on_another_server_of_the_folder()
    {
        var data = TempFolder.Create("vindex-shared");
        try
        {
            Pulled pulled;
            await using (var first = await TestServer.StartAsync(data))
            {
                using var api = first.Http();
                await api.Post($"/api/v2/{Collection}", new { name = "app", scaffold = true });
                await PublishAsync(api, "1.0.0");
                await PublishAsync(api, "1.0.1");
                using var oci = OciHttp.Client(first, first.AdminToken);
                pulled = await PullAsync(oci, "1.0.1");
                State(first);
                Assert.Contains("1.0.0", Unbuilt(first));
            }
            // The index the first server wrote is read by the next; 1.0.0 is built the first time a digest misses.
            Directory.Delete(Path.Combine(data, "cache", "oci"), recursive: true);
            await using var second = await TestServer.StartAsync(data);
            using var pull = OciHttp.Client(second, second.AdminToken);
            await AssertServedByDigestAsync(pull, pulled);
            var missing = await pull.GetAsync($"/v2/{Kind}/app/blobs/sha256:{new string('b', 64)}");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            State(second);
            Assert.Empty(Unbuilt(second));
            var older = await PullAsync(pull, "1.0.0");
            await AssertServedByDigestAsync(pull, older);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
