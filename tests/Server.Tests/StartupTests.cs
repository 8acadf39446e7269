using System.Diagnostics;
using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>The built server as users run it: first start creates the admin and prints its password and token once.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task First_start_prints_and_stores_the_admin_password_and_token_once()
    {
        var data = TempFolder.Create("startup");
        try
        {
            var (firstOutput, url) = await RunUntilListening(data);
            var token = File.ReadAllText(Path.Combine(data, "admin-token")).Trim();
            var password = File.ReadAllText(Path.Combine(data, "admin-password")).Trim();
            Assert.StartsWith("gqp_", token);
            Assert.Contains(token, firstOutput);
            Assert.Contains("password: " + password, firstOutput);
            Assert.True(password.Length >= 12);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "admin-token")));
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(data, "admin-password")));
            }
            Assert.StartsWith("http://127.0.0.1:", url);

            var (secondOutput, _) = await RunUntilListening(data);
            Assert.DoesNotContain(token, secondOutput);
            Assert.DoesNotContain("gqp_", secondOutput);
            Assert.DoesNotContain(password, secondOutput);
            Assert.Equal(token, File.ReadAllText(Path.Combine(data, "admin-token")).Trim());
            Assert.Equal(password, File.ReadAllText(Path.Combine(data, "admin-password")).Trim());
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public async Task The_ui_routes_fall_back_to_index_html_without_authentication()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Http("");
        foreach (var route in new[] { "/charts", "/charts/web/editor", "/kustomize-bases/base/versions", "/manifest-bundles", "/settings/tokens", "/workloads", "/" })
        {
            var response = await anonymous.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, route);
            Assert.Contains("<html", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v2/org-charts")).StatusCode);
    }

    [Fact]
    public async Task The_rest_surface_is_described_in_openapi()
    {
        await using var server = await TestServer.StartAsync();
        using var anonymous = server.Http("");
        var document = System.Text.Json.Nodes.JsonNode.Parse(await anonymous.GetStringAsync("/api/v2/openapi.json"))!;
        var paths = document["paths"]!.AsObject();
        Assert.NotNull(paths["/api/v2/{collection}"]!["get"]);
        Assert.NotNull(paths["/api/v2/{collection}/{name}/versions"]!["post"]!["responses"]!["201"]);
        Assert.NotNull(paths["/api/v2/{collection}/{name}/files/{path}"]!["put"]);
        Assert.NotNull(document["components"]!["schemas"]!["gitopshq.catalog.v1.Artifact"]!["properties"]!["latestVersion"]);
    }

    private static async Task<(string Output, string Url)> RunUntilListening(string data)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "GitOpsHQ.Server.dll"), "--data", data, "--urls", "http://127.0.0.1:0" })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        string? url = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (url is null)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                           ?? throw new InvalidOperationException("server exited: " + output + await process.StandardError.ReadToEndAsync());
                output.AppendLine(line);
                if (line.Contains("is listening on ")) url = line[(line.IndexOf("http", StringComparison.Ordinal))..].Trim();
            }
            // The banner is printed as one block; read the rest of it.
            while (await ReadLineWithin(process, TimeSpan.FromMilliseconds(500)) is { } more) output.AppendLine(more);
            using var http = new HttpClient();
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(url + "/healthz")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        return (output.ToString(), url);
    }

    private static async Task<string?> ReadLineWithin(Process process, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
