using System.Formats.Tar;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>Replays Helm's push and pull on the wire: challenge → token → retry, blobs, manifest by digest then by tag.</summary>
public sealed class HelmPushTests
{
    private const string ManifestType = "application/vnd.oci.image.manifest.v1+json";

    [Fact]
    public async Task A_pushed_chart_is_imported_into_git_and_pulls_back_byte_identical()
    {
        var data = TempFolder.Create("helm-push");
        try
        {
            var layer = ChartArchive.Create("demo", "1.2.0+build.1");
            var config = ChartArchive.Config("demo", "1.2.0+build.1");
            var manifest = ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, "demo", "1.2.0+build.1");
            var digest = OciLayout.Digest(manifest);
            await using (var server = await TestServer.StartAsync(data))
            {
                var pusher = await server.TokenForAsync("pushy", "EDITOR");
                using var helm = await HelmClient.LoginAsync(server, pusher, "charts/demo", "pull,push");

                // Helm >= 3.18: blobs, then the manifest by digest, GET it, and the same bytes by tag.
                await helm.PushBlobAsync("charts/demo", config);
                await helm.PushBlobAsync("charts/demo", layer);
                Assert.Equal(HttpStatusCode.Created, (await helm.PutManifestAsync("charts/demo", digest, manifest)).StatusCode);
                var fetched = await helm.GetManifestAsync("charts/demo", digest);
                Assert.Equal(manifest, await fetched.Content.ReadAsByteArrayAsync());
                var byTag = await helm.PutManifestAsync("charts/demo", "1.2.0_build.1", manifest);
                Assert.Equal(HttpStatusCode.Created, byTag.StatusCode);
                Assert.Equal(digest, byTag.Headers.GetValues("Docker-Content-Digest").Single());

                using var api = server.Http();
                var (_, version) = await api.Get("/api/v2/org-charts/demo/versions/1.2.0+build.1");
                Assert.Equal("oci-push", version.Str("source"));
                Assert.Equal("pushy", version["publisher"]!.Str("username"));
                var repo = server.RepositoryPath("charts", "demo");
                Assert.Equal("tag", Git.Run(repo, "cat-file", "-t", "1.2.0+build.1").Trim());
                Assert.Equal("Chart.yaml\ntemplates/configmap.yaml\nvalues.yaml\n", Git.Run(repo, "ls-tree", "-r", "--name-only", "main"));

                var pulled = await helm.GetManifestAsync("charts/demo", "1.2.0_build.1");
                Assert.Equal(manifest, await pulled.Content.ReadAsByteArrayAsync());
                Assert.Equal(digest, pulled.Headers.GetValues("Docker-Content-Digest").Single());
                Assert.Equal(layer, await helm.GetByteArrayAsync($"/v2/charts/demo/blobs/{OciLayout.Digest(layer)}"));

                // The same push again is idempotent; other content under the same version is refused.
                Assert.Equal(HttpStatusCode.Created, (await helm.PutManifestAsync("charts/demo", "1.2.0_build.1", manifest)).StatusCode);
                var otherLayer = ChartArchive.Create("demo", "1.2.0+build.1", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\n");
                await helm.PushBlobAsync("charts/demo", otherLayer);
                var other = ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(otherLayer), otherLayer.Length, "demo", "1.2.0+build.1");
                var refused = await helm.PutManifestAsync("charts/demo", "1.2.0_build.1", other);
                Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
                Assert.Contains("version already exists", await refused.Content.ReadAsStringAsync());
                Assert.NotNull(JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["errors"]);
            }

            // The pushed bytes survive the registry's caches and git gc (they are reachable in Git, not only named in a note).
            Git.Run(Path.Combine(data, "repos", "charts", "demo.git"), "gc", "-q", "--prune=now");
            Directory.Delete(Path.Combine(data, "registry"), recursive: true);
            Directory.Delete(Path.Combine(data, "cache"), recursive: true);
            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var helm = await HelmClient.LoginAsync(restarted, restarted.AdminToken, "charts/demo", "pull");
                var pulled = await helm.GetManifestAsync("charts/demo", digest);
                Assert.Equal(manifest, await pulled.Content.ReadAsByteArrayAsync());
                Assert.Equal(layer, await helm.GetByteArrayAsync($"/v2/charts/demo/blobs/{OciLayout.Digest(layer)}"));
            }
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public async Task Older_helm_heads_the_tag_then_puts_by_tag()
    {
        await using var server = await TestServer.StartAsync();
        using var helm = await HelmClient.LoginAsync(server, server.AdminToken, "charts/older", "pull,push");
        var layer = ChartArchive.Create("older", "0.3.0");
        var config = ChartArchive.Config("older", "0.3.0");
        await helm.PushBlobAsync("charts/older", config);
        await helm.PushBlobAsync("charts/older", layer);
        Assert.Equal(HttpStatusCode.NotFound, (await helm.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/charts/older/manifests/0.3.0"))).StatusCode);
        var manifest = ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, "older", "0.3.0");
        Assert.Equal(HttpStatusCode.Created, (await helm.PutManifestAsync("charts/older", "0.3.0", manifest)).StatusCode);
        var head = await helm.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/v2/charts/older/manifests/0.3.0"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(ManifestType, head.Content.Headers.ContentType!.MediaType);
        Assert.Equal(manifest.Length, head.Content.Headers.ContentLength);
    }

    [Theory]
    [InlineData("wrong-tag")]
    [InlineData("wrong-name")]
    [InlineData("symlink")]
    [InlineData("traversal")]
    [InlineData("invalid-chart")]
    public async Task Bad_pushes_are_refused_and_change_nothing(string problem)
    {
        await using var server = await TestServer.StartAsync();
        using var helm = await HelmClient.LoginAsync(server, server.AdminToken, "charts/bad", "pull,push");
        var name = problem == "wrong-name" ? "other" : "bad";
        var chartVersion = problem == "invalid-chart" ? "not-semver" : "1.0.0";
        var layer = ChartArchive.Create(name, chartVersion, extra: problem switch
        {
            "symlink" => tar => tar.WriteEntry(new UstarTarEntry(TarEntryType.SymbolicLink, "bad/templates/link.yaml") { LinkName = "/etc/passwd" }),
            "traversal" => tar => tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, "bad/../../escape.yaml") { DataStream = new MemoryStream([1]) }),
            _ => null,
        });
        var config = ChartArchive.Config(name, chartVersion);
        await helm.PushBlobAsync("charts/bad", config);
        await helm.PushBlobAsync("charts/bad", layer);
        var manifest = ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, name, chartVersion);
        var tag = problem switch { "wrong-tag" => "9.9.9", "invalid-chart" => "not-semver", _ => "1.0.0" };

        var response = await helm.PutManifestAsync("charts/bad", tag, manifest);

        Assert.True((int)response.StatusCode is 400 or 422, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.NotNull(JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]);
        using var api = server.Http();
        var (status, versions) = await api.Get("/api/v2/org-charts/bad/versions");
        Assert.True(status == HttpStatusCode.NotFound || versions["versions"]!.AsArray().Count == 0);
    }

    /// <summary>What Helm's registry client does on the wire.</summary>
    private sealed class HelmClient : HttpClient
    {
        public static async Task<HelmClient> LoginAsync(TestServer server, string token, string repository, string actions)
        {
            var client = new HelmClient { BaseAddress = new Uri(server.Url) };
            var challenge = await client.GetAsync($"/v2/{repository}/tags/list");
            var header = challenge.Headers.WwwAuthenticate.Single().Parameter!;
            var realm = header.Split("realm=\"")[1].Split('"')[0];
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{realm}?scope=repository:{repository}:{actions}&service=gitopshq");
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("org-token:" + token)));
            var body = JsonNode.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync())!;
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["token"]!.GetValue<string>());
            return client;
        }

        public async Task PushBlobAsync(string repository, byte[] content)
        {
            var digest = OciLayout.Digest(content);
            if ((await SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/{repository}/blobs/{digest}"))).IsSuccessStatusCode) return;
            var start = await PostAsync($"/v2/{repository}/blobs/uploads/", null);
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            var put = await PutAsync($"{start.Headers.Location}?digest={digest}", new ByteArrayContent(content));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }

        public Task<HttpResponseMessage> PutManifestAsync(string repository, string reference, byte[] manifest)
        {
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue(ManifestType);
            return PutAsync($"/v2/{repository}/manifests/{reference}", content);
        }

        public Task<HttpResponseMessage> GetManifestAsync(string repository, string reference)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}");
            request.Headers.Accept.ParseAdd(ManifestType);
            request.Headers.Accept.ParseAdd("application/vnd.oci.image.index.v1+json");
            return SendAsync(request);
        }
    }
}
