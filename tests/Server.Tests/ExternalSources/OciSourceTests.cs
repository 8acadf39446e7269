using System.Net;
using System.Net.Http.Headers;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace GitOpsHQ.Server.Tests.ExternalSources;

/// <summary>Charts whose versions come from another registry: discovery, lazy and eager import, read-only, upstream changes.</summary>
public sealed class OciSourceTests
{
    [DistributionFact]
    public async Task Versions_are_discovered_page_by_page_imported_on_first_read_and_pulled_byte_identical_to_upstream()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var v100 = await registry.PushChartAsync("charts/redis", "redis", "1.0.0");
        var v110 = await registry.PushChartAsync("charts/redis", "redis", "1.1.0");
        var v200 = await registry.PushChartAsync("charts/redis", "redis", "2.0.0+build.1");
        await registry.PutManifestAsync("charts/redis", "latest", v110.Manifest); // not SemVer: not a version
        await using var server = await ExternalSourceFixtures.StartAsync("--ExternalSources:TagPageSize=2");
        await server.AddCredentialAsync(registry.Host, DistributionRegistry.Username, registry.Password);
        using var api = server.Http();

        var source = $"oci://{registry.Host}/charts/redis";
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { oci = new { repository = source } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        Assert.Equal("oci", created["upstream"]!.Str("type"));
        Assert.Equal(source, created["upstream"]!.Str("reference"));

        // Listed at once (four tags over two pages), none imported yet.
        var (_, versions) = await api.Get("/api/v2/org-charts/redis/versions");
        Assert.Equal(["2.0.0+build.1", "1.1.0", "1.0.0"], versions["versions"]!.AsArray().Select(v => v!.Str("version")));
        Assert.All(versions["versions"]!.AsArray(), v => Assert.False(v!["upstream"]!["imported"]?.GetValue<bool>() ?? false));
        Assert.Empty(Directory.GetFiles(Path.Combine(server.RepositoryPath("charts", "redis"), "refs", "tags")));
        var (_, listing) = await api.Get("/api/v2/org-charts");
        Assert.Equal("oci", listing["artifacts"]!.AsArray().Single(a => a!.Str("name") == "redis")!["upstream"]!.Str("type"));

        // The first read of a version imports it: a commit and an annotated tag published by "sync" from "oci".
        var (read, version) = await api.Get("/api/v2/org-charts/redis/versions/1.1.0");
        Assert.True(read == HttpStatusCode.OK, version.ToJsonString());
        Assert.Equal("sync", version["publisher"]!.Str("username"));
        Assert.Equal("oci", version.Str("source"));
        Assert.True(version["upstream"]!["imported"]!.GetValue<bool>());
        Assert.Equal(v110.Digest, version["upstream"]!.Str("digest"));
        Assert.Equal($"{source}:1.1.0", version["upstream"]!.Str("reference"));
        Assert.Contains("1.1.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));

        // The file browser imports what it is asked for, too.
        var (_, chart) = await api.Get("/api/v2/org-charts/redis/files/Chart.yaml?ref=1.0.0");
        Assert.Contains("version: 1.0.0", chart.Str("text"));

        // This server's registry serves the upstream manifest and archive byte for byte, and pulling by tag imports.
        using var oci = OciHttp.Client(server, server.AdminToken);
        var manifest = await oci.Oci(HttpMethod.Get, "/v2/charts/redis/manifests/2.0.0_build.1",
            configure: r => r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.oci.image.manifest.v1+json")));
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        Assert.Equal(v200.Manifest, await manifest.Content.ReadAsByteArrayAsync());
        Assert.Equal(v200.Digest, manifest.Headers.GetValues("Docker-Content-Digest").Single());
        var layer = OciLayout.Digest(v200.Archive);
        Assert.Equal(v200.Archive, await oci.GetByteArrayAsync($"/v2/charts/redis/blobs/{layer}"));
        var (_, tags) = await api.Get("/api/v2/org-charts/redis/versions");
        Assert.All(tags["versions"]!.AsArray(), v => Assert.True(v!["upstream"]!["imported"]!.GetValue<bool>()));

        // The classic repository and the package API give the same archive.
        var (_, package) = await api.Get("/api/v2/org-charts/redis/versions/1.0.0/package");
        Assert.Equal(v100.Archive, Convert.FromBase64String(package.Str("content")));
        using var basic = new HttpClient { BaseAddress = new Uri(server.Url) };
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("any:" + server.AdminToken)));
        Assert.Equal(v110.Archive, await basic.GetByteArrayAsync("/helm/charts/redis-1.1.0.tgz"));
        Assert.Contains("redis", await basic.GetStringAsync("/helm/index.yaml"));

        // Diffs and render previews work on imported versions.
        Assert.Equal(HttpStatusCode.OK, (await api.Get("/api/v2/org-charts/redis/diff?from=1.0.0&to=1.1.0")).Status);
        var (rendered, render) = await api.Post("/api/v2/org-charts/redis/render", new { @ref = "1.0.0" });
        Assert.True(rendered == HttpStatusCode.OK, render.ToJsonString());
        Assert.Contains("ConfigMap", render.Str("manifests"));
    }

    [DistributionFact]
    public async Task The_classic_repository_lists_every_version_of_a_lazy_source_before_import_with_the_entry_it_keeps_once_imported()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var pushed = new Dictionary<string, byte[]>();
        foreach (var v in new[] { "1.0.0", "1.1.0", "2.0.0+build.1" })
            pushed[v] = (await registry.PushChartAsync("charts/redis", "redis", v)).Archive;
        await using var server = await ExternalSourceFixtures.StartAsync();
        await server.AddCredentialAsync(registry.Host, DistributionRegistry.Username, registry.Password);
        using var api = server.Http();
        using var helm = server.HelmRepository();
        var (status, created) = await api.Post("/api/v2/org-charts",
            new { name = "redis", source = new { oci = new { repository = $"oci://{registry.Host}/charts/redis" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());

        // Every version is listed before any is imported: Chart.yaml's fields, the archive's digest, the push time.
        var before = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(pushed.Keys.Order(), before.Keys.Order());
        foreach (var (version, archive) in pushed)
        {
            var entry = before[version];
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(archive)), entry.Str("digest"));
            Assert.Equal("1.0", entry.Str("appVersion"));
            Assert.Equal("Pushed with helm", entry.Str("description"));
            Assert.Equal("v2", entry.Str("apiVersion"));
            Assert.Equal("application", entry.Str("type"));
            Assert.Equal("redis", entry.Str("name"));
            Assert.Equal("2026-01-01T00:00:00.0000000Z", entry.Str("created"));
            Assert.Equal($"charts/redis-{version}.tgz", entry["urls"]![0]!.GetValue<string>());
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(server.RepositoryPath("charts", "redis"), "refs", "tags")));

        // Downloading one imports it; the bytes are the listed digest's, and its entry does not change.
        var bytes = await helm.GetByteArrayAsync("/helm/charts/redis-1.1.0.tgz");
        Assert.Equal(pushed["1.1.0"], bytes);
        Assert.Equal(before["1.1.0"].Str("digest"), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
        Assert.Contains("1.1.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));
        var after = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var version in before.Keys) Assert.Equal(before[version].ToJsonString(), after[version].ToJsonString());

        // A sync that discovers a version changes the index (and its ETag) at once.
        var etag = (await helm.GetAsync("/helm/index.yaml")).Headers.ETag!.Tag;
        var v300 = await registry.PushChartAsync("charts/redis", "redis", "3.0.0");
        var (synced, report) = await api.Post("/api/v2/org-charts/redis/sync", new { });
        Assert.True(synced == HttpStatusCode.OK, report.ToJsonString());
        var response = await helm.GetAsync("/helm/index.yaml");
        Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        var synced3 = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(v300.Archive)), synced3["3.0.0"].Str("digest"));
        foreach (var version in before.Keys) Assert.Equal(before[version].ToJsonString(), synced3[version].ToJsonString());

        // Nothing new upstream: the index stays the same bytes.
        etag = response.Headers.ETag!.Tag;
        Assert.Equal(HttpStatusCode.OK, (await api.Post("/api/v2/org-charts/redis/sync", new { })).Status);
        Assert.Equal(etag, (await helm.GetAsync("/helm/index.yaml")).Headers.ETag!.Tag);
    }

    [DistributionFact]
    public async Task An_external_chart_is_read_only_over_rest_grpc_git_push_and_oci_push_and_each_refusal_names_the_source()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        await registry.PushChartAsync("charts/redis", "redis", "1.0.0");
        await using var server = await ExternalSourceFixtures.StartAsync();
        await server.AddCredentialAsync(registry.Host, DistributionRegistry.Username, registry.Password);
        using var api = server.Http();
        var source = $"oci://{registry.Host}/charts/redis";
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name = "redis", source = new { oci = new { repository = source } }, mirror = true })).Status);
        var (_, tree) = await api.Get("/api/v2/org-charts/redis/tree");
        var head = tree.Str("commit");
        Assert.NotEmpty(head);

        var refusals = new List<(HttpStatusCode Status, System.Text.Json.Nodes.JsonNode Body)>
        {
            await api.Put("/api/v2/org-charts/redis/files/values.yaml", new { text = "x: 1\n", baseCommit = head }),
            await api.Delete($"/api/v2/org-charts/redis/files/values.yaml?baseCommit={head}"),
            await api.Post("/api/v2/org-charts/redis/rename", new { from = "values.yaml", to = "v.yaml", baseCommit = head }),
            await api.Post("/api/v2/org-charts/redis/versions", new { version = "9.9.9" }),
            await api.Delete("/api/v2/org-charts/redis"),
            await api.Send(HttpMethod.Patch, "/api/v2/org-charts/redis", new { description = "changed" }),
        };
        foreach (var (status, body) in refusals)
        {
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("read-only", body.Str("message"));
            Assert.Contains(source, body.Str("message"));
        }

        var grpc = new GitOpsHQ.Contracts.Catalog.V1.Catalog.CatalogClient(server.Grpc());
        var denied = await Assert.ThrowsAsync<RpcException>(async () => await grpc.WriteFileAsync(new WriteFileRequest
            { Collection = "org-charts", Name = "redis", Path = "values.yaml", Text = "x: 1\n", BaseCommit = head }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains(source, denied.Status.Detail);

        // OCI push of a new version to the external chart.
        using var oci = OciHttp.Client(server, server.AdminToken);
        var archive = ChartArchive.Create("redis", "3.0.0");
        var config = ChartArchive.Config("redis", "3.0.0");
        var configDigest = await oci.PushBlob("charts/redis", config);
        var layerDigest = await oci.PushBlob("charts/redis", archive);
        var pushed = await oci.Oci(HttpMethod.Put, "/v2/charts/redis/manifests/3.0.0",
            ChartArchive.Manifest(configDigest, config.Length, layerDigest, archive.Length, "redis", "3.0.0"),
            r => r.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json"));
        Assert.Equal(HttpStatusCode.Forbidden, pushed.StatusCode);
        Assert.Equal("DENIED", await pushed.ErrorCode());
        Assert.Contains(source, await pushed.Content.ReadAsStringAsync());

        // git push.
        var git = new GitClient(TempFolder.Create("git-external"));
        try
        {
            git.Run(null, "clone", "-q", GitClient.Url(server, server.AdminToken, "charts", "redis"), "redis");
            var work = Path.Combine(git.Root, "redis");
            await System.IO.File.WriteAllTextAsync(Path.Combine(work, "values.yaml"), "changed: true\n");
            git.Run(work, "commit", "-qam", "edit");
            var (code, output, error) = git.Try(work, "push", "origin", "main");
            Assert.NotEqual(0, code);
            Assert.Contains("read-only", output + error);
            Assert.Contains(source, output + error);
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
        Assert.Equal(head, (await api.Get("/api/v2/org-charts/redis/tree")).Body.Str("commit"));
    }

    [DistributionFact]
    public async Task Mirrored_versions_never_change_when_upstream_moves_or_deletes_a_tag_they_are_flagged_and_audited()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var original = await registry.PushChartAsync("charts/redis", "redis", "1.0.0");
        var doomed = await registry.PushChartAsync("charts/redis", "redis", "1.1.0");
        await using var server = await ExternalSourceFixtures.StartAsync();
        await server.AddCredentialAsync(registry.Host, DistributionRegistry.Username, registry.Password);
        using var api = server.Http();
        var (status, created) = await api.Post("/api/v2/org-charts",
            new { name = "redis", source = new { oci = new { repository = $"oci://{registry.Host}/charts/redis" }, mirror = true } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        Assert.True(created["upstream"]!["mirror"]!.GetValue<bool>());
        Assert.Equal(2, created["versionCount"]!.GetValue<int>());
        Assert.Equal("1.1.0", created.Str("latestVersion"));

        // Upstream moves 1.0.0 to other content and deletes 1.1.0.
        var moved = await registry.PushChartAsync("charts/redis", "redis", "1.0.0", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: moved\n");
        Assert.NotEqual(original.Digest, moved.Digest);
        await registry.DeleteTagAsync("charts/redis", doomed.Digest);
        await registry.PushChartAsync("charts/redis", "redis", "1.2.0");

        var (synced, report) = await api.Post("/api/v2/org-charts/redis/sync", new { });
        Assert.True(synced == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal(["1.0.0"], report["changed"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["1.1.0"], report["removed"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["1.2.0"], report["added"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(["1.2.0"], report["imported"]!.AsArray().Select(v => v!.GetValue<string>()));

        var (_, changed) = await api.Get("/api/v2/org-charts/redis/versions/1.0.0");
        Assert.True(changed["upstream"]!["upstreamChanged"]!.GetValue<bool>());
        Assert.Equal(original.Digest, changed["upstream"]!.Str("digest"));
        Assert.Equal(moved.Digest, changed["upstream"]!.Str("upstreamDigest"));
        var (_, template) = await api.Get("/api/v2/org-charts/redis/files/templates/configmap.yaml?ref=1.0.0");
        Assert.Contains("ConfigMap", template.Str("text"));
        using var oci = OciHttp.Client(server, server.AdminToken);
        var pulled = await oci.Oci(HttpMethod.Get, "/v2/charts/redis/manifests/1.0.0");
        Assert.Equal(original.Digest, pulled.Headers.GetValues("Docker-Content-Digest").Single());

        var (_, removed) = await api.Get("/api/v2/org-charts/redis/versions/1.1.0");
        Assert.True(removed["upstream"]!["upstreamRemoved"]!.GetValue<bool>());
        Assert.Equal(doomed.Archive, Convert.FromBase64String((await api.Get("/api/v2/org-charts/redis/versions/1.1.0/package")).Body.Str("content")));

        var events = server.Services.GetRequiredService<GitOpsHQ.Server.ExternalSources.ExternalSourceStore>().Events("charts", "redis");
        Assert.Contains(events, e => e.Version == "1.0.0" && e.Event == "upstream-changed" && e.Detail.Contains(moved.Digest));
        Assert.Contains(events, e => e.Version == "1.1.0" && e.Event == "upstream-removed");

        // A second sync reports nothing new.
        var (_, again) = await api.Post("/api/v2/org-charts/redis/sync", new { });
        Assert.Empty(again["changed"]?.AsArray() ?? []);
        Assert.Empty(again["removed"]?.AsArray() ?? []);
    }

    [Fact]
    public async Task Another_gitopshq_server_is_a_bearer_token_registry_and_its_versions_pull_through_byte_identical()
    {
        await using var upstream = await TestServer.StartAsync();
        await upstream.PublishChartAsync("web", "1.0.0", "1.2.0");
        using var upstreamApi = upstream.Http();
        var token = (await upstreamApi.Post("/api/v2/org/registry-tokens", new { name = "mirror", scope = "pull" })).Body.Str("value");
        await using var server = await ExternalSourceFixtures.StartAsync();
        var host = new Uri(upstream.Url).Authority;
        await server.AddCredentialAsync(host, "mirror", token);
        using var api = server.Http();
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "web", source = new { oci = new { repository = $"oci://{host}/charts/web" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());

        using var theirs = OciHttp.Client(upstream, upstream.AdminToken);
        using var ours = OciHttp.Client(server, server.AdminToken);
        var expected = await (await theirs.Oci(HttpMethod.Get, "/v2/charts/web/manifests/1.2.0")).Content.ReadAsByteArrayAsync();
        Assert.Equal(expected, await (await ours.Oci(HttpMethod.Get, "/v2/charts/web/manifests/1.2.0")).Content.ReadAsByteArrayAsync());
        var (_, theirPackage) = await upstreamApi.Get("/api/v2/org-charts/web/versions/1.0.0/package");
        var (_, ourPackage) = await api.Get("/api/v2/org-charts/web/versions/1.0.0/package");
        Assert.Equal(theirPackage.Str("digest"), ourPackage.Str("digest"));

        // Without the credential the host is spoken to over https (it speaks plain HTTP), and anonymously the source names
        // what is missing; a source that cannot be read creates nothing.
        var (_, list) = await api.Get("/api/v2/org/oci-credentials");
        await api.Delete($"/api/v2/org/oci-credentials/{list["credentials"]![0]!.Str("id")}");
        var (tls, tlsBody) = await api.Post("/api/v2/org-charts", new { name = "web2", source = new { oci = new { repository = $"oci://{host}/charts/web" } } });
        Assert.Equal(HttpStatusCode.BadGateway, tls);
        Assert.Contains("TLS failure", tlsBody.Str("message"));
        await server.AddCredentialAsync(host, "", "", insecure: true);
        var (refused, body) = await api.Post("/api/v2/org-charts", new { name = "web2", source = new { oci = new { repository = $"oci://{host}/charts/web" } } });
        Assert.Equal(HttpStatusCode.BadGateway, refused);
        Assert.Contains("requires credentials", body.Str("message"));
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v2/org-charts/web2")).Status);
    }
}
