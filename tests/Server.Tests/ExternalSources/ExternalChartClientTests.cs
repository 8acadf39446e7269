using System.Net;
using System.Security.Cryptography;
using GitOpsHQ.Server.Tests.RealClients;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.ExternalSources;

/// <summary>External charts through the real helm, and the periodic sync.</summary>
public sealed class ExternalChartClientTests
{
    private static string Index(ChartHost host, params (string Version, byte[] Archive)[] versions) =>
        "apiVersion: v1\nentries:\n  redis:\n" + string.Concat(versions.Select(v =>
            $"  - apiVersion: v2\n    name: redis\n    version: {v.Version}\n    appVersion: \"1.0\"\n    description: Pushed with helm\n    type: application\n" +
            $"    digest: {Convert.ToHexStringLower(SHA256.HashData(v.Archive))}\n    urls: [redis-{v.Version}.tgz]\n"));

    [RealClientFact("helm")]
    public async Task Helm_gets_external_charts_from_the_classic_repository_and_the_registry_byte_identical_to_upstream()
    {
        await using var host = await ChartHost.StartAsync();
        var v100 = ChartArchive.Create("redis", "1.0.0");
        var v110 = ChartArchive.Create("redis", "1.1.0");
        host.Serve("/index.yaml", Index(host, ("1.0.0", v100), ("1.1.0", v110)));
        host.Serve("/redis-1.0.0.tgz", v100);
        host.Serve("/redis-1.1.0.tgz", v110);
        await using var server = await ExternalSourceFixtures.StartAsync();
        using var api = server.Http();
        var (status, created) = await api.Post("/api/v2/org-charts", new { name = "redis", source = new { url = new { repository = host.Url, chart = "redis" } } });
        Assert.True(status == HttpStatusCode.Created, created.ToJsonString());

        using var helm = new RealClient("helm");
        var token = await HelmClientTests.RegistryTokenAsync(server, "pull");
        var into = Directory.CreateDirectory(Path.Combine(helm.Home, "pulled")).FullName;
        // Pulling from the registry imports the version on the way.
        HelmClientTests.Login(helm, server, token);
        helm.Ok("pull", $"oci://{new Uri(server.Url).Authority}/charts/redis", "--version", "1.1.0", "--plain-http", "--destination", into);
        Assert.Equal(v110, File.ReadAllBytes(Path.Combine(into, "redis-1.1.0.tgz")));

        // The classic repository lists every version, imported or not, with the upstream archive's digest.
        helm.Ok("repo", "add", "org", $"{server.Url}/helm", "--username", "any", "--password", token);
        var search = helm.Stdout("search", "repo", "org/redis", "--versions");
        Assert.Contains("1.1.0", search);
        Assert.Contains("1.0.0", search);
        Assert.Contains("Pushed with helm", search);
        File.Delete(Path.Combine(into, "redis-1.1.0.tgz"));
        helm.Ok("pull", "org/redis", "--version", "1.1.0", "--destination", into);
        Assert.Equal(v110, File.ReadAllBytes(Path.Combine(into, "redis-1.1.0.tgz")));
        // A version not imported yet is imported by its download.
        Assert.DoesNotContain("1.0.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));
        helm.Ok("pull", "org/redis", "--version", "1.0.0", "--destination", into);
        Assert.Equal(v100, File.ReadAllBytes(Path.Combine(into, "redis-1.0.0.tgz")));
        Assert.Contains("1.0.0", Git.Run(server.RepositoryPath("charts", "redis"), "tag", "-l"));
    }

    [Fact]
    public async Task Sources_are_synced_periodically()
    {
        await using var host = await ChartHost.StartAsync();
        var v100 = ChartArchive.Create("redis", "1.0.0");
        var v200 = ChartArchive.Create("redis", "2.0.0");
        host.Serve("/index.yaml", Index(host, ("1.0.0", v100)));
        host.Serve("/redis-1.0.0.tgz", v100);
        host.Serve("/redis-2.0.0.tgz", v200);
        await using var server = await TestServer.StartAsync(null, "--ExternalSources:AllowedHosts:0=127.0.0.1", "--ExternalSources:SyncInterval=00:00:02");
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts",
            new { name = "redis", source = new { url = new { repository = host.Url, chart = "redis" } }, mirror = true })).Status);
        host.Serve("/index.yaml", Index(host, ("1.0.0", v100), ("2.0.0", v200)));

        for (var i = 0; i < 100; i++)
        {
            var (_, artifact) = await api.Get("/api/v2/org-charts/redis");
            if (artifact.Str("latestVersion") == "2.0.0")
            {
                Assert.NotNull(artifact["upstream"]!["lastSyncAt"]);
                return;
            }
            await Task.Delay(100);
        }
        Assert.Fail("the source was not synced within 10 s at a 2 s interval");
    }
}
