using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Bench;

// Usage: catalog-bench SERVER_DLL [ARTIFACTS=1000] [VERSIONS=10]
// Builds a data folder of ARTIFACTS manifest bundles × VERSIONS annotated versions with the git CLI, then measures
// server start (cold index and warm), listing one page, and publishing a version, against the real server process.
// With --workloads [WORKLOADS=100]: upgrade dry runs and bulk upgrades of a 15-template chart with a library subchart.
// With --render CHARTS [--oracle PATH] [--corpus DIR]: render previews of public charts through the API beside the
// reference renderer's loop (see RenderBench).
// With --helm: CHARTS charts × VERSIONS versions served as the classic Helm repository (/helm/index.yaml).
// With --history [--sizes 10,1000,10000] [--artifacts 10000] [--samples 50]: OCI pulls and publishes of one artifact with
// that many versions, and of one of ARTIFACTS artifacts with one version each (see HistoryBench).
// With --load URL PATH [--token T] [--clients 32] [--seconds 20], or --publish URL [--token T] [--count 100]: against a
// server or balancer already running (bench/replicas/run.sh).
if (args.ElementAtOrDefault(0) is "--load" or "--publish")
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    var token = Option("--token") ?? Environment.GetEnvironmentVariable("GITOPSHQ_TOKEN") ?? throw new ArgumentException("--token TOKEN");
    if (args[0] == "--load")
        await LoadBench.LoadAsync(args[1], token, args[2], int.Parse(Option("--clients") ?? "32"), TimeSpan.FromSeconds(int.Parse(Option("--seconds") ?? "20")));
    else
        await LoadBench.PublishAsync(args[1], token, int.Parse(Option("--count") ?? "100"));
    return;
}
var serverDll = Path.GetFullPath(args.ElementAtOrDefault(0) ?? throw new ArgumentException("usage: catalog-bench SERVER_DLL [ARTIFACTS] [VERSIONS] [--helm]"));
if (args.Contains("--workloads"))
{
    var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    var root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(serverDll)!, "..", "..", "..", "..", ".."));
    await WorkloadsBench.RunAsync(serverDll, root, int.Parse(positional.ElementAtOrDefault(1) ?? "100"));
    return;
}
if (args.Contains("--render"))
{
    // --render CHARTS [--oracle PATH] [--corpus DIR] [--corpus-repeat N]
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    await RenderBench.RunAsync(serverDll, Option("--oracle") ?? "/tmp/helm-oracle", Option("--render")!, Option("--corpus"),
        int.Parse(Option("--corpus-repeat") ?? "5"));
    return;
}
if (args.Contains("--history"))
{
    string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
    await HistoryBench.RunAsync(serverDll, (Option("--sizes") ?? "10,1000,10000").Split(',').Select(int.Parse).ToList(),
        int.Parse(Option("--artifacts") ?? "10000"), int.Parse(Option("--samples") ?? "50"));
    return;
}
if (args.Contains("--helm"))
{
    var positional = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
    await HelmRepositoryBench.RunAsync(serverDll, int.Parse(positional.ElementAtOrDefault(1) ?? "1000"), int.Parse(positional.ElementAtOrDefault(2) ?? "10"));
    return;
}
var artifacts = int.Parse(args.ElementAtOrDefault(1) ?? "1000");
var versions = int.Parse(args.ElementAtOrDefault(2) ?? "10");
var data = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-{Guid.NewGuid():N}");

var generate = Stopwatch.StartNew();
DataFolder.Generate(data, artifacts, versions);
Console.WriteLine($"generated {artifacts} artifacts x {versions} versions in {generate.Elapsed.TotalSeconds:F1} s");

try
{
    // The first start reads every repository into the empty index; later starts find it in place.
    await using (var cold = await ServerProcess.StartAsync(serverDll, data))
        Console.WriteLine($"start, cold index ({artifacts} repositories read): {cold.StartTime.TotalMilliseconds:F0} ms");

    await using var server = await ServerProcess.StartAsync(serverDll, data);
    Console.WriteLine($"start, warm index: {server.StartTime.TotalMilliseconds:F0} ms");

    using var http = server.AdminClient();

    var pages = new List<string> { "" };
    var list = await Timing.MeasureAsync(200, async i =>
    {
        var token = pages[i % pages.Count];
        var body = JsonNode.Parse(await http.GetStringAsync($"/api/v2/org-manifest-bundles?pageSize=50&pageToken={token}"))!;
        var next = body["nextPageToken"]!.GetValue<string>();
        if (next != "" && pages.Count < 20) pages.Add(next);
    });
    Console.WriteLine($"list one page (50 of {artifacts}): {list}");

    var search = await Timing.MeasureAsync(200, async _ => await http.GetStringAsync("/api/v2/org-manifest-bundles?search=bundle-05&pageSize=50"));
    Console.WriteLine($"search + list one page: {search}");

    var versionsList = await Timing.MeasureAsync(200, async i => await http.GetStringAsync($"/api/v2/org-manifest-bundles/bundle-{i % artifacts:D5}/versions"));
    Console.WriteLine($"list the {versions} versions of one artifact: {versionsList}");

    var publish = await Timing.MeasureAsync(100, async i =>
    {
        var response = await http.PostAsJsonAsync($"/api/v2/org-manifest-bundles/bundle-{i:D5}/versions", new { version = $"{versions + 1}.0.0", notes = "bench" });
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"publish: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    });
    Console.WriteLine($"publish a version (validate + tag): {publish}");
}
finally
{
    Directory.Delete(data, recursive: true);
}
