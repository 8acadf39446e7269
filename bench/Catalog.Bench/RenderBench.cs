using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Bench;

/// <summary>
/// Render previews through the real server process: every chart folder under CHARTS (a folder with Chart.yaml, its
/// dependencies in charts/) is published with git as the version its Chart.yaml names, then rendered through
/// <c>POST /api/v2/org-charts/{name}/render</c>: the first render of the version, then p50/p95 of 15 after 5 warm-ups, in
/// deterministic mode and not. In the same run the reference renderer's own loop (<c>helm-oracle template CHART --repeat
/// N</c>, chart loading included) renders the same chart; the deterministic outputs are compared. With a corpus folder,
/// every chart in it is rendered once (first render of each version) and again (warm), in total, beside the sum of the
/// reference loop's time per render.
/// </summary>
public static partial class RenderBench
{
    private const int Repeat = 20;

    public static async Task RunAsync(string serverDll, string oracle, string charts, string? corpus, int corpusRepeat)
    {
        await OnFreshServerAsync(serverDll, async (http, work, remote) =>
        {
            var published = ChartFolders(charts).Select(folder => (Folder: folder, Chart: Publish(folder, work, remote))).ToList();
            // The process warms up once (as a server that has been up a while): every chart rendered a few times first.
            var firsts = new Dictionary<string, double>();
            foreach (var (_, (name, version)) in published)
            {
                var first = Stopwatch.StartNew();
                await RenderAsync(http, name, Deterministic(version));
                firsts[name] = first.Elapsed.TotalMilliseconds;
            }
            foreach (var (_, (name, version)) in published)
                for (var i = 0; i < 5; i++) await RenderAsync(http, name, Deterministic(version));

            Console.WriteLine($"{"chart",-12} {"mode",-6} {"oracle ms",9} {"first ms",9} {"p50 ms",8} {"p95 ms",8} {"p50/oracle",10}  output");
            foreach (var (folder, (name, version)) in published)
            {
                // deterministic; random (keys generated when a chart asks), back to back; random with a pause of 250 ms
                // before each measured render, as between a person's previews.
                foreach (var (mode, deterministic, pause) in new[] { ("det", true, 0), ("random", false, 0), ("paced", false, 250) })
                {
                    var (oracleMs, expected) = Oracle(oracle, folder, Repeat, deterministic);
                    var body = new JsonObject { ["ref"] = version };
                    if (deterministic) body["options"] = new JsonObject { ["deterministic"] = "true" };
                    var first = Stopwatch.StartNew();
                    var output = await RenderAsync(http, name, body);
                    // The version's first render (files read from Git, chart loaded, templates parsed) for deterministic mode.
                    var firstMs = deterministic ? firsts[name] : first.Elapsed.TotalMilliseconds;
                    var timing = await Timing.MeasureAsync(15, async _ => await RenderAsync(http, name, body), TimeSpan.FromMilliseconds(pause));
                    var check = !deterministic ? "-" : output == expected ? "same as the oracle" : "DIFFERS from the oracle";
                    Console.WriteLine($"{name,-12} {mode,-6} {oracleMs,9:F1} {firstMs,9:F1} {timing.P50,8:F2} {timing.P95,8:F2} {timing.P50 / oracleMs,10:F2}  {check}");
                }
            }
        });
        // The corpus gets a server process of its own, so that every first render is the version's first and names
        // never meet the charts above.
        if (corpus is not null)
            await OnFreshServerAsync(serverDll, (http, work, remote) => CorpusAsync(http, oracle, corpus, corpusRepeat, work, remote));
    }

    // Runs the benchmark on a server process of its own (its own data folder) with an admin client, a work folder for
    // chart clones and the git remote prefix for charts; both folders are removed afterwards.
    private static async Task OnFreshServerAsync(string serverDll, Func<HttpClient, string, string, Task> run)
    {
        var data = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-{Guid.NewGuid():N}");
        var work = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-work-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            await using var server = await ServerProcess.StartAsync(serverDll, data);
            using var http = server.AdminClient(TimeSpan.FromMinutes(5));
            var remote = server.Url.Replace("http://", $"http://bench:{server.AdminToken}@", StringComparison.Ordinal) + "/git/charts/";
            await run(http, work, remote);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
            Directory.Delete(work, recursive: true);
        }
    }

    // Every chart of the corpus the reference renderer renders (deterministic): published, then rendered once each
    // (the version's first render) and once more (warm), in total, beside the sum of the reference loop's time per render.
    private static async Task CorpusAsync(HttpClient http, string oracle, string corpus, int repeat, string work, string remote)
    {
        var charts = new List<(string Name, string Version, double OracleMs)>();
        var skipped = 0;
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in ChartFolders(corpus))
        {
            try
            {
                // One chart of each name (another publisher's chart of the same name is left out).
                if (!names.Add(Field(folder, "name"))) throw new InvalidOperationException("a chart of the same name is already published");
                var (oracleMs, _) = Oracle(oracle, folder, repeat, deterministic: true);
                var (name, version) = Publish(folder, work, remote);
                charts.Add((name, version, oracleMs));
            }
            catch (InvalidOperationException e)
            {
                skipped++;
                Console.Error.WriteLine($"corpus: {Path.GetFileName(folder)} left out: {e.Message.ReplaceLineEndings(" ")}");
            }
        }
        var oracleTotal = charts.Sum(c => c.OracleMs);
        var failed = 0;
        var first = Stopwatch.StartNew();
        foreach (var (name, version, _) in charts)
            if (!await TryRenderAsync(http, name, version)) failed++;
        var firstMs = first.Elapsed.TotalMilliseconds;
        var warm = Stopwatch.StartNew();
        foreach (var (name, version, _) in charts)
            await TryRenderAsync(http, name, version);
        var warmMs = warm.Elapsed.TotalMilliseconds;
        Console.WriteLine($"corpus {corpus}: {charts.Count} charts ({skipped} left out: the reference renderer or publishing refused them; {failed} answered an error through the API)");
        Console.WriteLine($"  reference loop, sum of time per render (--repeat {repeat}, chart loading included): {oracleTotal:F0} ms");
        Console.WriteLine($"  through the API, first render of every version: {firstMs:F0} ms ({firstMs / oracleTotal:F2}x); again, warm: {warmMs:F0} ms ({warmMs / oracleTotal:F2}x)");
    }

    private static JsonObject Deterministic(string version) =>
        new() { ["ref"] = version, ["options"] = new JsonObject { ["deterministic"] = "true" } };

    private static async Task<bool> TryRenderAsync(HttpClient http, string name, string version)
    {
        using var response = await http.PostAsJsonAsync($"/api/v2/org-charts/{name}/render", new JsonObject { ["ref"] = version, ["options"] = new JsonObject { ["deterministic"] = "true" } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return response.IsSuccessStatusCode && (body["diagnostics"]?.AsArray().Count ?? 0) == 0;
    }

    private static async Task<string> RenderAsync(HttpClient http, string name, JsonObject body)
    {
        using var response = await http.PostAsJsonAsync($"/api/v2/org-charts/{name}/render", body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"render {name}: {(int)response.StatusCode} {text}");
        var result = JsonNode.Parse(text)!;
        if (result["diagnostics"] is JsonArray { Count: > 0 } diagnostics) throw new InvalidOperationException($"render {name}: {diagnostics.ToJsonString()}");
        return result["manifests"]?.GetValue<string>() ?? "";
    }

    // Chart folders under root: ROOT/NAME, or ROOT/PUBLISHER/NAME.
    private static IEnumerable<string> ChartFolders(string root) =>
        Directory.GetDirectories(root)
            .SelectMany(d => File.Exists(Path.Combine(d, "Chart.yaml")) ? [d] : Directory.GetDirectories(d).Where(s => File.Exists(Path.Combine(s, "Chart.yaml"))))
            .Order(StringComparer.Ordinal);

    /// <summary>Pushes the chart folder as main and an annotated tag named after its Chart.yaml version.</summary>
    private static (string Name, string Version) Publish(string folder, string work, string remote)
    {
        // A chart is published under the name its Chart.yaml gives (the server checks that they agree).
        var name = Field(folder, "name");
        var version = Field(folder, "version");
        var clone = Path.Combine(work, name);
        Local.CopyDirectory(folder, clone);
        Local.Git(clone, "init", "-q", "-b", "main");
        Local.Git(clone, "add", "-A", "-f");
        Local.Git(clone, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "commit", "-qm", $"Release {version}");
        Local.Git(clone, "-c", "user.name=Bench", "-c", "user.email=bench@example.com", "tag", "-a", version, "-m", $"Release {version}");
        Local.Git(clone, "push", "-q", remote + name + ".git", "main", version);
        return (name, version);
    }

    private static string Field(string folder, string field) =>
        File.ReadAllLines(Path.Combine(folder, "Chart.yaml")).Select(l => l.TrimEnd())
            .First(l => l.StartsWith(field + ":", StringComparison.Ordinal))[(field.Length + 1)..].Split(" #")[0].Trim().Trim('"', '\'');

    /// <summary>Milliseconds per render the reference renderer reports for its own loop, and its output.</summary>
    private static (double MillisecondsPerRender, string Output) Oracle(string oracle, string chart, int repeat, bool deterministic)
    {
        var start = new ProcessStartInfo(oracle) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "template", chart, "--repeat", repeat.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        if (deterministic) start.ArgumentList.Add("--deterministic");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = PerRender().Match(error);
        if (process.ExitCode != 0 || !match.Success) throw new InvalidOperationException($"the reference renderer failed: {error}");
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output.Result);
    }

    [GeneratedRegex(@"\(([0-9.]+) ms per render")]
    private static partial Regex PerRender();

}
