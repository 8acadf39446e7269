using System.Net;
using System.Security.Cryptography;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.ExternalSources;

/// <summary>Charts from a classic Helm repository's index.yaml or a single archive URL, and the network rules for every URL fetched.</summary>
public sealed class UrlSourceTests
{
    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task A_classic_repository_lists_its_index_versions_resolves_relative_and_absolute_urls_and_checks_digests()
    {
        await using var host = await ChartHost.StartAsync();
        var v100 = ChartArchive.Create("redis", "1.0.0");
        var v110 = ChartArchive.Create("redis", "1.1.0");
        var v120 = ChartArchive.Create("redis", "1.2.0");
        host.Serve("/charts/index.yaml", $"""
            apiVersion: v1
            entries:
              other:
              - name: other
                version: 0.1.0
                urls: [other-0.1.0.tgz]
              redis:
              - name: redis
                version: 1.2.0
                digest: {new string('0', 64)}
                urls: [redis-1.2.0.tgz]
              - name: redis
                version: 1.1.0
                urls: ["{host.Url}/elsewhere/redis-1.1.0.tgz"]
              - name: redis
                version: 1.0.0
                digest: {Hex(v100)}
                urls: [redis-1.0.0.tgz]
            generated: "2026-01-01T00:00:00Z"
            """);
        host.Serve("/charts/redis-1.0.0.tgz", v100);
        host.Serve("/elsewhere/redis-1.1.0.tgz", v110);
        host.Serve("/charts/redis-1.2.0.tgz", v120);
        await using var server = await ExternalSourceFixtures.StartAsync();
        using var api = server.Http();

        var (status, created) = await api.Post("/api/v2/org-charts",
            new { name = "redis", source = new { url = new { repository = host.Url + "/charts/", chart = "redis" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        Assert.Equal("url", created["upstream"]!.Str("type"));
        Assert.Equal("redis", created["upstream"]!.Str("chart"));
        var (_, versions) = await api.Get("/api/v2/org-charts/redis/versions");
        Assert.Equal(["1.2.0", "1.1.0", "1.0.0"], versions["versions"]!.AsArray().Select(v => v!.Str("version")));

        // Imported on first read; the archive is served exactly as upstream has it.
        var (_, package) = await api.Get("/api/v2/org-charts/redis/versions/1.0.0/package");
        Assert.Equal(v100, Convert.FromBase64String(package.Str("content")));
        var (_, version) = await api.Get("/api/v2/org-charts/redis/versions/1.0.0");
        Assert.Equal("url", version.Str("source"));
        Assert.Equal("sync", version["publisher"]!.Str("username"));
        Assert.Equal($"sha256:{Hex(v100)}", version["upstream"]!.Str("digest"));
        using var basic = new HttpClient { BaseAddress = new Uri(server.Url) };
        basic.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("any:" + server.AdminToken)));
        Assert.Equal(v110, await basic.GetByteArrayAsync("/helm/charts/redis-1.1.0.tgz"));
        using var oci = OciHttp.Client(server, server.AdminToken);
        Assert.Equal(v110, await oci.GetByteArrayAsync($"/v2/charts/redis/blobs/{OciLayout.Digest(v110)}"));

        // The classic repository lists imported versions with Helm's fields and the upstream archive's digest.
        var yaml = new YamlDotNet.RepresentationModel.YamlStream();
        yaml.Load(new StringReader(await basic.GetStringAsync("/helm/index.yaml")));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("v1", root["apiVersion"].ToString());
        var entry = ((YamlDotNet.RepresentationModel.YamlSequenceNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["entries"])["redis"])
            .Cast<YamlDotNet.RepresentationModel.YamlMappingNode>().Single(e => e["version"].ToString() == "1.0.0");
        Assert.Equal(Hex(v100), entry["digest"].ToString());
        Assert.Equal("v2", entry["apiVersion"].ToString());
        Assert.Equal("redis", entry["name"].ToString());
        Assert.Equal("1.0", entry["appVersion"].ToString());
        Assert.Equal("Pushed with helm", entry["description"].ToString());
        Assert.Equal("charts/redis-1.0.0.tgz", ((YamlDotNet.RepresentationModel.YamlSequenceNode)entry["urls"])[0].ToString());
        Assert.True(DateTimeOffset.TryParse(entry["created"].ToString(), out _));

        // An archive whose digest differs from the index's is refused, and nothing is imported.
        var (refused, body) = await api.Get("/api/v2/org-charts/redis/versions/1.2.0");
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("the repository's index says", body.Str("message"));
        Assert.DoesNotContain("1.2.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));

        // A sync sees a version removed from the index.
        host.Serve("/charts/index.yaml", $"apiVersion: v1\nentries:\n  redis:\n  - name: redis\n    version: 1.1.0\n    urls: [\"{host.Url}/elsewhere/redis-1.1.0.tgz\"]\n");
        var (_, report) = await api.Post("/api/v2/org-charts/redis/sync", new { });
        Assert.Equal(["1.0.0"], report["removed"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True((await api.Get("/api/v2/org-charts/redis/versions/1.0.0")).Body["upstream"]!["upstreamRemoved"]!.GetValue<bool>());

        var (missing, why) = await api.Post("/api/v2/org-charts", new { name = "nope", source = new { url = new { repository = host.Url + "/charts", chart = "nope" } } });
        Assert.Equal(HttpStatusCode.BadGateway, missing);
        Assert.Contains("has no chart 'nope'", why.Str("message"));
    }

    [Fact]
    public async Task The_classic_repository_lists_every_version_of_a_chart_repository_source_before_import_with_the_entry_it_keeps()
    {
        await using var host = await ChartHost.StartAsync();
        var archives = new[] { "1.0.0", "1.1.0", "2.0.0" }.ToDictionary(v => v, v => ChartArchive.Create("redis", v));
        host.Serve("/index.yaml", "apiVersion: v1\nentries:\n  redis:\n" + string.Concat(archives.Select(a => $"""
              - apiVersion: v2
                appVersion: "1.0"
                created: "2025-0{a.Key[0]}-02T03:04:05.5Z"
                description: Pushed with helm
                digest: {Hex(a.Value)}
                name: redis
                type: application
                urls: [redis-{a.Key}.tgz]
                version: {a.Key}

            """)) + "generated: \"2026-01-01T00:00:00Z\"\n");
        foreach (var (version, archive) in archives) host.Serve($"/redis-{version}.tgz", archive);
        await using var server = await ExternalSourceFixtures.StartAsync();
        using var api = server.Http();
        using var helm = server.HelmRepository();
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { url = new { repository = host.Url, chart = "redis" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());

        var before = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(archives.Keys.Order(), before.Keys.Order());
        foreach (var (version, archive) in archives)
        {
            Assert.Equal(Hex(archive), before[version].Str("digest"));
            Assert.Equal("1.0", before[version].Str("appVersion"));
            Assert.Equal("Pushed with helm", before[version].Str("description"));
            Assert.Equal($"2025-0{version[0]}-02T03:04:05.5000000Z", before[version].Str("created"));
            Assert.Equal($"charts/redis-{version}.tgz", before[version]["urls"]![0]!.GetValue<string>());
        }
        Assert.Empty(Directory.GetFiles(Path.Combine(server.RepositoryPath("charts", "redis"), "refs", "tags")));

        var bytes = await helm.GetByteArrayAsync("/helm/charts/redis-1.1.0.tgz");
        Assert.Equal(Hex(bytes), before["1.1.0"].Str("digest"));
        Assert.Contains("1.1.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));
        var after = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var version in before.Keys) Assert.Equal(before[version].ToJsonString(), after[version].ToJsonString());

        // A version upstream removes before it is imported leaves the index; an imported one stays.
        host.Serve("/index.yaml", "apiVersion: v1\nentries:\n  redis:\n" + $"""
              - apiVersion: v2
                appVersion: "1.0"
                description: Pushed with helm
                digest: {Hex(archives["1.0.0"])}
                name: redis
                urls: [redis-1.0.0.tgz]
                version: 1.0.0

            """);
        Assert.Equal(HttpStatusCode.OK, (await api.Post("/api/v2/org-charts/redis/sync", new { })).Status);
        var synced = await helm.HelmIndexEntriesAsync("redis");
        Assert.Equal(["1.0.0", "1.1.0"], synced.Keys.Order());
        Assert.Equal(before["1.1.0"].ToJsonString(), synced["1.1.0"].ToJsonString());
    }

    [Fact]
    public async Task An_archive_source_is_one_version_from_its_chart_yaml_fetched_with_the_hosts_bearer_credential()
    {
        await using var host = await ChartHost.StartAsync();
        var archive = ChartArchive.Create("redis", "17.3.0");
        host.Answer("/dl/redis-17.3.0.tgz", async http =>
        {
            if (http.Request.Headers.Authorization != "Bearer tok-123")
            {
                http.Response.StatusCode = 401;
                return;
            }
            await http.Response.Body.WriteAsync(archive);
        });
        await using var server = await ExternalSourceFixtures.StartAsync();
        using var api = server.Http();
        var url = host.Url + "/dl/redis-17.3.0.tgz";

        var (unauthorized, why) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { url = new { archive = url } } });
        Assert.Equal(HttpStatusCode.BadGateway, unauthorized);
        Assert.Contains("requires credentials", why.Str("message"));

        await server.AddCredentialAsync(host.Host, "", "tok-123", insecure: true, authType: "bearer");
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { url = new { archive = url } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        Assert.Equal("17.3.0", created.Str("latestVersion"));
        Assert.Equal(1, created["versionCount"]!.GetValue<int>());
        Assert.Equal(archive, Convert.FromBase64String((await api.Get("/api/v2/org-charts/redis/versions/17.3.0/package")).Body.Str("content")));
        Assert.Contains(host.Requests, r => r.Authorization == "Bearer tok-123");
    }

    [Fact]
    public async Task Urls_to_metadata_loopback_or_private_addresses_are_refused_redirects_are_checked_and_credentials_stay_with_their_host()
    {
        await using var first = await ChartHost.StartAsync();
        await using var second = await ChartHost.StartAsync();
        var archive = ChartArchive.Create("redis", "1.0.0");
        second.Serve("/redis-1.0.0.tgz", archive);
        first.Redirect("/moved/redis-1.0.0.tgz", second.Url + "/redis-1.0.0.tgz");
        first.Redirect("/metadata.tgz", "https://169.254.169.254/latest/meta-data/x.tgz");
        first.Redirect("/loop.tgz", "/loop.tgz");
        await using var server = await ExternalSourceFixtures.StartAsync();
        await server.AddCredentialAsync(first.Host, "", "first-host-token", insecure: true, authType: "bearer");
        using var api = server.Http();

        async Task<string> Refused(string url, HttpStatusCode expected = HttpStatusCode.Forbidden)
        {
            var (status, body) = await api.Post("/api/v2/org-charts", new { name = "refused", source = new { url = new { archive = url } } });
            Assert.True(status == expected, $"{url}: {status} {body}");
            return body.Str("message");
        }

        var metadata = await Refused("https://169.254.169.254/latest/meta-data/chart.tgz");
        Assert.Contains("169.254.169.254", metadata);
        Assert.Contains("link-local (cloud metadata)", metadata);
        Assert.Contains("loopback", await Refused($"https://localhost:{first.Uri.Port}/chart.tgz"));
        Assert.Contains("plain HTTP", await Refused("http://charts.example.com/chart.tgz"));
        Assert.Contains("169.254.169.254", await Refused(first.Url + "/metadata.tgz"));
        Assert.Contains("more than 5", await Refused(first.Url + "/loop.tgz", HttpStatusCode.BadGateway));
        await Refused("file:///etc/passwd", HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v2/org-charts/refused")).Status);

        // A redirect to another host is followed, without the first host's credentials.
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { url = new { archive = first.Url + "/moved/redis-1.0.0.tgz" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());
        Assert.Contains(first.Requests, r => r.Path == "/moved/redis-1.0.0.tgz" && r.Authorization == "Bearer first-host-token");
        var followed = Assert.Single(second.Requests);
        Assert.Null(followed.Authorization);
    }
}
