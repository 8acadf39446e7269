using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GitOpsHQ.Bench;

/// <summary>
/// Upgrade figures against the real server process: the engine tests' 15-template chart with a library subchart
/// (tests/HelmEngine.Tests/HelmCharts/library-web-app) is published as 1.0.0 and 1.1.0 with git, WORKLOADS workloads run
/// 1.0.0 in one GitOps repository (format manifests), then: one workload's upgrade dry run (p50 of 100), the bulk dry run
/// of all of them with the same values and with a value that differs per workload, and the bulk upgrade itself.
/// </summary>
public static class WorkloadsBench
{
    public static async Task RunAsync(string serverDll, string repoRoot, int workloads)
    {
        var data = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-{Guid.NewGuid():N}");
        var work = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await using var server = await ServerProcess.StartAsync(serverDll, data);
            var token = server.AdminToken;
            using var http = server.AdminClient(TimeSpan.FromMinutes(5));

            var chart = Path.Combine(repoRoot, "tests", "HelmEngine.Tests", "HelmCharts", "library-web-app", "chart");
            PublishChart(chart, work, server.Url.Replace("http://", $"http://bench:{token}@") + "/git/charts/shop.git");
            await Ok(http.PostAsJsonAsync("/api/v2/gitops-repositories", new { name = "prod" }));

            var ids = new List<string>();
            var create = Stopwatch.StartNew();
            for (var i = 0; i < workloads; i++)
            {
                var body = await Ok(http.PostAsJsonAsync("/api/v2/workloads", new
                {
                    name = $"shop-{i:D3}", project = "bench", artifact = new { kind = "charts", name = "shop" }, version = "1.0.0",
                    values = "replicaCount: 3\n", releaseName = "shop", @namespace = "shop",
                    target = new { repository = $"{server.Url}/git/gitops/prod.git", path = $"apps/shop-{i:D3}" },
                }));
                ids.Add(body["id"]!.GetValue<string>());
            }
            Console.WriteLine($"created {workloads} workloads (render + first commit each) in {create.Elapsed.TotalSeconds:F1} s");

            var dry = await Timing.MeasureAsync(100, async i =>
            {
                var body = await Ok(http.PostAsJsonAsync($"/api/v2/workloads/{ids[i % ids.Count]}/upgrade", new { targetVersion = "1.1.0", dryRun = true }));
                if (body["diff"]!.AsArray().Count == 0) throw new InvalidOperationException("the dry run shows no change");
            });
            Console.WriteLine($"upgrade dry run of one workload (15 templates, library subchart; two renders, diff, notes, values check): {dry}");

            for (var run = 0; run < 3; run++)
                Console.WriteLine($"bulk dry run of {workloads} workloads, same values: {await BulkAsync(http, true):F0} ms");

            for (var i = 0; i < ids.Count; i++)
                await Ok(http.PatchAsJsonAsync($"/api/v2/workloads/{ids[i]}", new { values = $"replicaCount: {i + 1}\n" }));
            for (var run = 0; run < 3; run++)
                Console.WriteLine($"bulk dry run of {workloads} workloads, values differing per workload: {await BulkAsync(http, true):F0} ms");

            Console.WriteLine($"bulk upgrade of {workloads} workloads ({workloads} commits): {await BulkAsync(http, false):F0} ms");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<double> BulkAsync(HttpClient http, bool dryRun)
    {
        var watch = Stopwatch.StartNew();
        var body = await Ok(http.PostAsJsonAsync("/api/v2/workloads:upgrade", new { artifact = new { kind = "charts", name = "shop" }, targetVersion = "1.1.0", dryRun }));
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var expected = dryRun ? "would-upgrade" : "upgraded";
        if (body["results"]!.AsArray().Any(r => r!["status"]!.GetValue<string>() != expected))
            throw new InvalidOperationException("bulk: " + body.ToJsonString());
        return elapsed;
    }

    private static void PublishChart(string chart, string work, string remote)
    {
        var clone = Path.Combine(work, "shop");
        Local.CopyDirectory(chart, clone);
        Local.Git(clone, "init", "-q", "-b", "main");
        foreach (var (version, change) in new[] { ("1.0.0", false), ("1.1.0", true) })
        {
            var chartYaml = Path.Combine(clone, "Chart.yaml");
            File.WriteAllLines(chartYaml, File.ReadAllLines(chartYaml).Select(l => l.StartsWith("version:", StringComparison.Ordinal) ? $"version: {version}" : l));
            if (change)
            {
                // 1.1.0 changes an image default and a label, so the dry run has objects to diff.
                var values = Path.Combine(clone, "values.yaml");
                File.WriteAllText(values, File.ReadAllText(values).Replace("  pullPolicy: IfNotPresent", "  pullPolicy: Always"));
            }
            Local.Git(clone, "add", "-A");
            Local.Git(clone, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-qm", $"Release {version}");
            Local.Git(clone, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "tag", "-a", version, "-m", $"Release {version}");
            Local.Git(clone, "push", "-q", remote, "main", version);
        }
    }

    private static async Task<JsonNode> Ok(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }
}
