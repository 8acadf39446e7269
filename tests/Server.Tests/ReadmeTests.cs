using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>The README's commands are run as written, against a real server, so they cannot drift from the product.</summary>
public sealed class ReadmeTests
{
    private static string Readme() => File.ReadAllText(Path.Combine(SourceTree.Root, "README.md"));

    /// <summary>The indented (code) lines of one README section.</summary>
    private static string Commands(string readme, string heading)
    {
        var start = readme.IndexOf("## " + heading, StringComparison.Ordinal);
        Assert.True(start >= 0, $"the README has no section '{heading}'");
        var end = readme.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = readme[start..(end < 0 ? readme.Length : end)];
        return string.Join('\n', section.Split('\n').Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l[4..]));
    }

    [Fact]
    public async Task The_curl_walk_through_runs_as_written()
    {
        await using var server = await TestServer.StartAsync();
        var work = TempFolder.Create("readme");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(work, "data"), server.DataPath);
            var commands = Commands(Readme(), "Walk-through with curl").Replace("http://127.0.0.1:5080", server.Url);
            // Every request must succeed: curl fails the script on an HTTP error, and so does any command.
            File.WriteAllText(Path.Combine(work, "walk-through.sh"),
                "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n" + commands + "\n");
            var (code, output, error) = Command.Run("bash", ["walk-through.sh"], new Dictionary<string, string> { ["HOME"] = work }, work);
            Assert.True(code == 0, $"the README's walk-through failed ({code}):\n{error}\n{output}");
            Assert.Contains("\"version\":\"1.0.0\"", output);
            Assert.Contains("name: prod-base", output);
            Assert.True(new FileInfo(Path.Combine(work, "web-1.0.0.tgz")).Length > 0);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [Fact]
    public async Task The_metrics_and_request_id_commands_run_as_written()
    {
        await using var server = await TestServer.StartAsync();
        var work = TempFolder.Create("readme-operations");
        try
        {
            // The curl lines; the last line starts a server of its own, which this test does not need.
            var commands = string.Join('\n', Commands(Readme(), "Operations: health, metrics, request ids").Split('\n')
                .Where(l => !l.StartsWith("dotnet ", StringComparison.Ordinal))).Replace("http://127.0.0.1:5080", server.Url);
            File.WriteAllText(Path.Combine(work, "operations.sh"), "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n" + commands + "\n");
            var (code, output, error) = Command.Run("bash", ["operations.sh"], new Dictionary<string, string> { ["HOME"] = work }, work);
            Assert.True(code == 0, $"the README's operations commands failed ({code}):\n{error}\n{output}");
            Assert.Contains("gitopshq_served_bytes_total{content=\"git\",via=\"server\"} 0", output);
            Assert.Contains("X-Request-Id: deploy-42", output, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [RealClientFact("helm")]
    public void The_chart_commands_run_as_written()
    {
        using var helm = new RealClient("helm");
        // The lint and template lines; installing needs a cluster.
        var lines = Commands(Readme(), "Kubernetes").Split('\n').Where(l => l.StartsWith("helm lint ") || l.StartsWith("helm template ")).ToList();
        Assert.Equal(2, lines.Count);
        foreach (var line in lines)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(a => a == "deploy/gitopshq" ? Path.Combine(SourceTree.Root, "deploy", "gitopshq") : a).ToArray();
            helm.Ok(args);
        }
    }

    [Fact]
    public async Task The_audit_trail_commands_run_as_written()
    {
        await using var server = await TestServer.StartAsync();
        var work = TempFolder.Create("readme-audit");
        try
        {
            Directory.CreateSymbolicLink(Path.Combine(work, "data"), server.DataPath);
            using (var api = server.Http()) await api.Post("/api/v2/org-charts", new { name = "web", scaffold = true });
            var commands = Commands(Readme(), "Audit trail").Replace("http://127.0.0.1:5080", server.Url);
            File.WriteAllText(Path.Combine(work, "audit.sh"), "set -euo pipefail\ncurl() { command curl --fail-with-body \"$@\"; }\n" + commands + "\n");
            var (code, output, error) = Command.Run("bash", ["audit.sh"], new Dictionary<string, string> { ["HOME"] = work }, work);
            Assert.True(code == 0, $"the README's audit commands failed ({code}):\n{error}\n{output}");
            Assert.Contains("\"records\"", output);
            Assert.Contains("\"action\":\"artifact.created\"", File.ReadAllText(Path.Combine(work, "audit.jsonl")).Replace(" ", ""));
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }
}
