using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace GitOpsHQ.Bench;

/// <summary>
/// The catalog as a classic Helm repository at scale: CHARTS charts × VERSIONS versions written with the git CLI (one
/// fast-import per chart, Chart.yaml named after its chart and versioned like its tag), then, against the real server
/// process, the first /helm/index.yaml (every version packaged once), the warm index, a conditional request answered
/// 304, and one archive.
/// </summary>
public static class HelmRepositoryBench
{
    public static async Task RunAsync(string serverDll, int charts, int versions)
    {
        var data = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-helm-{Guid.NewGuid():N}");
        var generate = Stopwatch.StartNew();
        Generate(data, charts, versions);
        Console.WriteLine($"generated {charts} charts x {versions} versions in {generate.Elapsed.TotalSeconds:F1} s");
        try
        {
            await using var server = await ServerProcess.StartAsync(serverDll, data);
            Console.WriteLine($"start (cold catalog index): {server.StartTime.TotalMilliseconds:F0} ms");
            using var http = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(30) };
            var token = server.AdminToken;
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + token)));

            var cold = Stopwatch.StartNew();
            var first = await http.GetAsync("/helm/index.yaml");
            var bytes = await first.Content.ReadAsByteArrayAsync();
            first.EnsureSuccessStatusCode();
            Console.WriteLine($"first index ({charts * versions} versions packaged, {bytes.Length / 1024} KiB): {cold.Elapsed.TotalSeconds:F1} s");
            var etag = first.Headers.ETag!;

            var warm = await Timing.MeasureAsync(200, async _ =>
            {
                using var response = await http.GetAsync("/helm/index.yaml");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"warm GET /helm/index.yaml (full body): {warm}");

            var conditional = await Timing.MeasureAsync(200, async _ =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/helm/index.yaml");
                request.Headers.IfNoneMatch.Add(etag);
                using var response = await http.SendAsync(request);
                if ((int)response.StatusCode != 304) throw new InvalidOperationException($"expected 304, got {response.StatusCode}");
            });
            Console.WriteLine($"GET /helm/index.yaml with If-None-Match (304): {conditional}");

            var archive = await Timing.MeasureAsync(200, async i =>
            {
                using var response = await http.GetAsync($"/helm/charts/chart-{i % charts:D5}-{i % versions + 1}.0.0.tgz");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"GET /helm/charts/NAME-VERSION.tgz: {archive}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void Generate(string data, int charts, int versions)
    {
        var kindFolder = Path.Combine(data, "repos", "charts");
        Directory.CreateDirectory(kindFolder);
        var time = DateTimeOffset.UtcNow.AddDays(-versions).ToUnixTimeSeconds();
        for (var i = 0; i < charts; i++)
        {
            var name = $"chart-{i:D5}";
            var target = Path.Combine(kindFolder, name + ".git");
            Local.GitDir(null, null, "init", "--bare", "-q", "-b", "main", target);
            Local.GitDir(target, null, "config", "gitopshq.createdAt", time.ToString());
            File.WriteAllText(Path.Combine(target, "description"), $"Bench chart {i}\n");
            var import = new StringBuilder();
            for (var v = 1; v <= versions; v++)
            {
                Inline(import, v, time, "Chart.yaml",
                    $"apiVersion: v2\nname: {name}\ndescription: Bench chart {i}\ntype: application\nversion: {v}.0.0\nappVersion: \"{v}.0\"\n", v == 1);
                import.Append($"M 100644 inline values.yaml\ndata 16\nreplicaCount: {v % 10}\n\n");
                var template = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  replicas: \"{{ .Values.replicaCount }}\"\n";
                import.Append($"M 100644 inline templates/configmap.yaml\ndata {Encoding.UTF8.GetByteCount(template)}\n{template}\n");
                import.Append($"tag {v}.0.0\nfrom :{v}\ntagger Bench <bench@example.com> {time + v * 60 + 1} +0000\ndata 8\nrelease\n\n");
            }
            Local.GitDir(target, import.ToString(), "fast-import", "--quiet");
        }
    }

    private static void Inline(StringBuilder import, int v, long time, string path, string content, bool first)
    {
        import.Append($"commit refs/heads/main\nmark :{v}\ncommitter Bench <bench@example.com> {time + v * 60} +0000\ndata 12\nversion {v,4}\n");
        if (!first) import.Append($"from :{v - 1}\n");
        import.Append($"M 100644 inline {path}\ndata {Encoding.UTF8.GetByteCount(content)}\n{content}\n");
    }

}
