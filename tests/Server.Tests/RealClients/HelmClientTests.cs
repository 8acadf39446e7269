using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.RealClients;

/// <summary>The real helm client (3.13) against the registry: login, push, pull, show, template, and what it prints on refusals.</summary>
public sealed class HelmClientTests
{
    /// <summary>A chart made by `helm create` at a version, packaged by helm into the client's folder.</summary>
    internal static string Package(RealClient helm, string name, string version, string? appVersion = null)
    {
        var source = Path.Combine(helm.Home, "src", $"{name}-{version}-{appVersion}");
        Directory.CreateDirectory(source);
        helm.Ok("create", Path.Combine(source, name));
        var chartYaml = Path.Combine(source, name, "Chart.yaml");
        var text = File.ReadAllText(chartYaml).Replace("version: 0.1.0", $"version: {version}");
        if (appVersion is not null) text = text.Replace("appVersion: \"1.16.0\"", $"appVersion: \"{appVersion}\"");
        File.WriteAllText(chartYaml, text);
        var output = Path.Combine(helm.Home, "packages", $"{name}-{version}-{appVersion}");
        helm.Ok("package", Path.Combine(source, name), "--destination", output);
        return Path.Combine(output, $"{name}-{version}.tgz");
    }

    internal static async Task<string> RegistryTokenAsync(TestServer server, string scope, int expiresInDays = 0)
    {
        using var http = server.Http();
        var (status, body) = await http.Post("/api/v2/org/registry-tokens", new { name = $"helm-{scope}", scope, expiresInDays });
        Assert.Equal(HttpStatusCode.Created, status);
        return body.Str("value");
    }

    private static string Host(TestServer server) => new Uri(server.Url).Authority;

    internal static void Login(RealClient helm, TestServer server, string token) =>
        Assert.Contains("Login Succeeded", helm.Ok("registry", "login", Host(server), "--username", "org-token", "--password", token, "--insecure"));

    [RealClientFact("helm")]
    public async Task Helm_pushes_new_charts_and_versions_pulls_them_back_byte_identical_and_refuses_other_content()
    {
        await using var server = await TestServer.StartAsync();
        using var helm = new RealClient("helm");
        var host = Host(server);
        Login(helm, server, await RegistryTokenAsync(server, "pull+push"));

        // A new chart: the push creates it.
        var shop = Package(helm, "shop", "1.3.0");
        var pushed = helm.Ok("push", shop, $"oci://{host}/charts", "--plain-http");
        Assert.Contains($"Pushed: {host}/charts/shop:1.3.0", pushed);
        using var api = server.Http();
        var (status, version) = await api.Get("/api/v2/org-charts/shop/versions/1.3.0");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("oci-push", version.Str("source"));

        // The same package again succeeds (helm stamps a new creation time into each manifest); other content is refused.
        Assert.Contains("Pushed:", helm.Ok("push", shop, $"oci://{host}/charts", "--plain-http"));
        var other = Package(helm, "shop", "1.3.0", appVersion: "9.9.9");
        Assert.Contains("version already exists", helm.Fails("push", other, $"oci://{host}/charts", "--plain-http"));

        // helm pull gives back exactly the pushed bytes.
        var pulled = Directory.CreateDirectory(Path.Combine(helm.Home, "pulled")).FullName;
        helm.Ok("pull", $"oci://{host}/charts/shop", "--version", "1.3.0", "--plain-http", "--destination", pulled);
        Assert.Equal(File.ReadAllBytes(shop), File.ReadAllBytes(Path.Combine(pulled, "shop-1.3.0.tgz")));

        // A new version of the existing chart, pushed with a personal access token after logging out.
        helm.Ok("registry", "logout", host);
        Login(helm, server, server.AdminToken);
        Assert.Contains($"{host}/charts/shop:1.4.0", helm.Ok("push", Package(helm, "shop", "1.4.0"), $"oci://{host}/charts", "--plain-http"));
        var (_, versions) = await api.Get("/api/v2/org-charts/shop/versions");
        Assert.Equal(["1.4.0", "1.3.0"], versions["versions"]!.AsArray().Select(v => v!.Str("version")));

        // A chart refused by validation creates nothing, and helm prints the finding.
        var broken = Package(helm, "broken", "0.1.0");
        var source = Path.Combine(helm.Home, "src", "broken-0.1.0-", "broken");
        File.WriteAllText(Path.Combine(source, "templates", "bad.yaml"), "value: {{ .Values.x \n");
        helm.Ok("package", source, "--destination", Path.GetDirectoryName(broken)!);
        var invalid = helm.Fails("push", broken, $"oci://{host}/charts", "--plain-http");
        Assert.Contains("validation failed", invalid);
        Assert.Contains("bad.yaml", invalid);
        Assert.False(Directory.Exists(server.RepositoryPath("charts", "broken")));
        var (missing, _) = await api.Get("/api/v2/org-charts/broken");
        Assert.Equal(HttpStatusCode.NotFound, missing);

        // The edits arrive in Git: main holds the last pushed chart.
        var repo = server.RepositoryPath("charts", "shop");
        Assert.Contains("version: 1.4.0", Git.Run(repo, "show", "main:Chart.yaml"));
    }

    [RealClientFact("helm")]
    public async Task Helm_pulls_shows_and_templates_charts_authored_in_the_catalog()
    {
        await using var server = await TestServer.StartAsync();
        using var helm = new RealClient("helm");
        var host = Host(server);
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts", new { name = "web", scaffold = true, description = "Web tier" })).Status);
        var (_, chartYaml) = await api.Get("/api/v2/org-charts/web/files/Chart.yaml");
        await api.WriteFile("org-charts", "web", "Chart.yaml", System.Text.RegularExpressions.Regex.Replace(chartYaml.Str("text"), "(?m)^version: .*$", "version: 1.2.0"));
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts/web/versions", new { version = "1.2.0", notes = "First" })).Status);
        Login(helm, server, await RegistryTokenAsync(server, "pull"));

        // helm pull gives exactly the package the API serves for the version.
        var pulled = Directory.CreateDirectory(Path.Combine(helm.Home, "pulled")).FullName;
        helm.Ok("pull", $"oci://{host}/charts/web", "--version", "1.2.0", "--plain-http", "--destination", pulled);
        var (_, package) = await api.Get("/api/v2/org-charts/web/versions/1.2.0/package");
        Assert.Equal(Convert.FromBase64String(package.Str("content")), File.ReadAllBytes(Path.Combine(pulled, "web-1.2.0.tgz")));

        // helm show and helm template read the chart from the registry as from the archive.
        var archive = Path.Combine(pulled, "web-1.2.0.tgz");
        foreach (var what in new[] { "chart", "values", "readme", "all" })
            Assert.Equal(helm.Stdout("show", what, archive), helm.Stdout("show", what, $"oci://{host}/charts/web", "--version", "1.2.0", "--plain-http"));
        Assert.Contains("name: web", helm.Ok("show", "chart", $"oci://{host}/charts/web", "--version", "1.2.0", "--plain-http"));
        var fromRegistry = helm.Stdout("template", "shop", $"oci://{host}/charts/web", "--version", "1.2.0", "--plain-http");
        Assert.Equal(helm.Stdout("template", "shop", archive), fromRegistry);
        Assert.Contains("# Source: web/templates/", fromRegistry);
        var ours = JsonNode.Parse(await (await api.PostAsync("/api/v2/org-charts/web/render",
            new StringContent("{\"ref\":\"1.2.0\",\"options\":{\"release-name\":\"shop\",\"kube-version\":\"v1.28.0\"}}"))).Content.ReadAsStringAsync())!;
        Assert.Equal(fromRegistry, ours.Str("manifests"));
    }

    [RealClientFact("helm")]
    public async Task A_pull_only_token_pulls_and_helm_says_it_lacks_push_while_a_revoked_or_expired_token_is_invalid()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using var server = await TestServer.StartAsync(null, clock);
        var host = Host(server);
        using var pusher = new RealClient("helm");
        Login(pusher, server, server.AdminToken);
        var chart = Package(pusher, "shop", "1.0.0");
        pusher.Ok("push", chart, $"oci://{host}/charts", "--plain-http");

        using var reader = new RealClient("helm");
        Login(reader, server, await RegistryTokenAsync(server, "pull"));
        reader.Ok("pull", $"oci://{host}/charts/shop", "--version", "1.0.0", "--plain-http", "--destination", reader.Home);
        var refused = reader.Fails("push", Package(reader, "shop", "1.1.0"), $"oci://{host}/charts", "--plain-http");
        Assert.Contains("403", refused);
        Assert.Contains("lacks the push scope", refused);

        // A push-only token: pushes (existence checks included) and creates charts, but cannot download.
        using var writer = new RealClient("helm");
        Login(writer, server, await RegistryTokenAsync(server, "push"));
        Assert.Contains("Pushed:", writer.Ok("push", Package(writer, "drop", "0.1.0"), $"oci://{host}/charts", "--plain-http"));
        Assert.Contains("lacks the pull scope", writer.Fails("pull", $"oci://{host}/charts/drop", "--version", "0.1.0", "--plain-http", "--destination", writer.Home));

        // A viewer's personal token: pulls, and the push is refused naming the role it needs.
        var viewerToken = await server.TokenForAsync("vera", "VIEWER");
        using var viewer = new RealClient("helm");
        Login(viewer, server, viewerToken);
        viewer.Ok("show", "chart", $"oci://{host}/charts/shop", "--version", "1.0.0", "--plain-http");
        Assert.Contains("needs the editor role", viewer.Fails("push", Package(viewer, "shop", "1.2.0"), $"oci://{host}/charts", "--plain-http"));

        // Revoked: the stored login stops working, and helm says why.
        using var http = server.Http();
        var (_, tokens) = await http.Get("/api/v2/org/registry-tokens");
        var id = tokens["tokens"]!.AsArray().Single(t => t!.Str("scope") == "pull")!.Str("id");
        Assert.Equal(HttpStatusCode.OK, (await http.Delete($"/api/v2/org/registry-tokens/{id}")).Status);
        Assert.Contains("invalid registry token", reader.Fails("pull", $"oci://{host}/charts/shop", "--version", "1.0.0", "--plain-http", "--destination", reader.Home));

        // Expired: a one-day token, two days later.
        using var later = new RealClient("helm");
        Login(later, server, await RegistryTokenAsync(server, "pull+push", expiresInDays: 1));
        clock.Advance(TimeSpan.FromDays(2));
        Assert.Contains("invalid registry token", later.Fails("pull", $"oci://{host}/charts/shop", "--version", "1.0.0", "--plain-http", "--destination", later.Home));
        Assert.Contains("invalid registry token", later.Fails("registry", "login", host, "--username", "x", "--password", await RegistryTokenAsync(server, "pull", expiresInDays: 1) + "x", "--insecure"));
    }

    [RealClientFact("helm")]
    public async Task Creating_a_chart_by_helm_push_follows_the_create_on_push_setting()
    {
        await using var server = await TestServer.StartAsync(null, "--GitHttp:CreateOnPush=false");
        var host = Host(server);
        using var helm = new RealClient("helm");
        Login(helm, server, server.AdminToken);
        var refused = helm.Fails("push", Package(helm, "fresh", "0.1.0"), $"oci://{host}/charts", "--plain-http");
        Assert.Contains("GitHttp:CreateOnPush", refused);
        Assert.False(Directory.Exists(server.RepositoryPath("charts", "fresh")));

        // An existing chart still takes new versions by push.
        using var http = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await http.Post("/api/v2/org-charts", new { name = "fresh" })).Status);
        Assert.Contains("Pushed:", helm.Ok("push", Package(helm, "fresh", "0.1.0"), $"oci://{host}/charts", "--plain-http"));
    }
}
