using System.Net;
using System.Net.Http.Headers;
using GitOpsHQ.Server.Tests.RealClients;
using GitOpsHQ.Server.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.Tests;

/// <summary>The catalog as a classic Helm repository: /helm/index.yaml and /helm/charts/NAME-VERSION.tgz.</summary>
public sealed class HelmRepositoryTests
{
    private static async Task PublishAsync(TestServer server, string name, params string[] versions)
    {
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name, scaffold = true, description = "The " + name })).Status);
        foreach (var version in versions)
        {
            var (_, chart) = await api.Get($"/api/v2/org-charts/{name}/files/Chart.yaml");
            await api.WriteFile("org-charts", name, "Chart.yaml",
                System.Text.RegularExpressions.Regex.Replace(chart.Str("text"), "(?m)^version: .*$", $"version: {version}"));
            Assert.Equal(HttpStatusCode.Created, (await api.Post($"/api/v2/org-charts/{name}/versions", new { version })).Status);
        }
    }

    private static HttpClient Basic(TestServer server, string token)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("any:" + token)));
        return http;
    }

    [Fact]
    public async Task The_index_lists_every_published_chart_version_in_helms_format_and_archives_are_the_oci_bytes()
    {
        await using var server = await TestServer.StartAsync();
        await PublishAsync(server, "web", "1.0.0", "1.1.0");
        await PublishAsync(server, "api", "0.1.0");
        using (var api = server.Http())
            Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name = "draft", scaffold = true })).Status);
        using var http = Basic(server, server.AdminToken);

        var response = await http.GetAsync("/helm/index.yaml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var yaml = new YamlStream();
        yaml.Load(new StringReader(await response.Content.ReadAsStringAsync()));
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        Assert.Equal("v1", root["apiVersion"].ToString());
        var entries = (YamlMappingNode)root["entries"];
        Assert.Equal(["api", "web"], entries.Children.Keys.Select(k => k.ToString()).Order());
        var web = ((YamlSequenceNode)entries["web"]).Cast<YamlMappingNode>().ToList();
        Assert.Equal(["1.0.0", "1.1.0"], web.Select(v => v["version"].ToString()).Order());
        var first = web.Single(v => v["version"].ToString() == "1.0.0");
        Assert.Equal("web", first["name"].ToString());
        Assert.Equal("The web", first["description"].ToString());
        Assert.Equal("charts/web-1.0.0.tgz", ((YamlSequenceNode)first["urls"])[0].ToString());

        // The archive is the package the API and the registry serve, and its digest is the index's.
        var archive = await http.GetByteArrayAsync("/helm/charts/web-1.0.0.tgz");
        using var api2 = server.Http();
        var (_, package) = await api2.Get("/api/v2/org-charts/web/versions/1.0.0/package");
        Assert.Equal(Convert.FromBase64String(package.Str("content")), archive);
        Assert.Equal(first["digest"].ToString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(archive)));

        // ETags: an unchanged catalog answers 304; a new version changes the index.
        var etag = response.Headers.ETag!;
        using (var again = new HttpRequestMessage(HttpMethod.Get, "/helm/index.yaml"))
        {
            again.Headers.IfNoneMatch.Add(etag);
            Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
        }
        await PublishAsync(server, "worker", "2.0.0");
        using (var changed = new HttpRequestMessage(HttpMethod.Get, "/helm/index.yaml"))
        {
            changed.Headers.IfNoneMatch.Add(etag);
            var fresh = await http.SendAsync(changed);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
            Assert.Contains("worker", await fresh.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/helm/charts/web-9.9.9.tgz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/helm/charts/nothing.tgz")).StatusCode);
    }

    [Fact]
    public async Task The_repository_needs_credentials_and_takes_pull_tokens_but_not_push_only_ones()
    {
        await using var server = await TestServer.StartAsync();
        await PublishAsync(server, "web", "1.0.0");
        using var anonymous = new HttpClient { BaseAddress = new Uri(server.Url) };
        var refused = await anonymous.GetAsync("/helm/index.yaml");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Basic", refused.Headers.WwwAuthenticate.Single().Scheme);

        using var pull = Basic(server, await HelmClientTests.RegistryTokenAsync(server, "pull"));
        Assert.Equal(HttpStatusCode.OK, (await pull.GetAsync("/helm/charts/web-1.0.0.tgz")).StatusCode);
        using var push = Basic(server, await HelmClientTests.RegistryTokenAsync(server, "push"));
        var denied = await push.GetAsync("/helm/index.yaml");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("lacks the pull scope", await denied.Content.ReadAsStringAsync());
        using var wrong = Basic(server, "gqr_nope_nope");
        Assert.Contains("invalid registry token", await (await wrong.GetAsync("/helm/index.yaml")).Content.ReadAsStringAsync());
    }

    [RealClientFact("helm")]
    public async Task Helm_adds_updates_searches_and_pulls_from_the_repository()
    {
        await using var server = await TestServer.StartAsync();
        await PublishAsync(server, "web", "1.0.0", "1.1.0");
        using var helm = new RealClient("helm");
        var token = await HelmClientTests.RegistryTokenAsync(server, "pull");
        Assert.Contains("\"org\" has been added", helm.Ok("repo", "add", "org", $"{server.Url}/helm", "--username", "any", "--password", token));

        // A chart pushed with helm appears after helm repo update.
        using var pusher = new RealClient("helm");
        pusher.Ok("registry", "login", new Uri(server.Url).Authority, "--username", "x", "--password", server.AdminToken, "--insecure");
        var pushed = HelmClientTests.Package(pusher, "shop", "3.0.0");
        pusher.Ok("push", pushed, $"oci://{new Uri(server.Url).Authority}/charts", "--plain-http");
        helm.Ok("repo", "update");

        var search = helm.Stdout("search", "repo", "org/", "--versions");
        Assert.Contains("org/web", search);
        Assert.Contains("1.1.0", search);
        Assert.Contains("org/shop", search);
        var into = Directory.CreateDirectory(Path.Combine(helm.Home, "pulled")).FullName;
        helm.Ok("pull", "org/shop", "--version", "3.0.0", "--destination", into);
        Assert.Equal(File.ReadAllBytes(pushed), File.ReadAllBytes(Path.Combine(into, "shop-3.0.0.tgz")));
        helm.Ok("pull", "org/web", "--destination", into);
        Assert.True(File.Exists(Path.Combine(into, "web-1.1.0.tgz")));
        Assert.Contains("name: web", helm.Stdout("show", "chart", "org/web", "--version", "1.0.0"));
    }
}
