using BenchmarkDotNet.Attributes;
using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.Bench.Helm;

/// <summary>
/// Renders of the benchmark charts: cold (files read from disk, loaded, values coalesced, every template parsed and
/// run — what the oracle's loop does), and warm (parse results cached by chart content, as the server's previews do).
/// Setup checks the engine prints what the oracle prints, so the figures compare equal work.
/// </summary>
[MemoryDiagnoser]
public class HelmBenchmarks
{
    private readonly RenderCache _cache = new();
    private FileSet _files = FileSet.From([]);
    private string _directory = "";

    [Params("library-web-app", "platform-three-apps")]
    public string Chart { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _directory = BenchCharts.Directory(Chart);
        _files = BenchCharts.Read(_directory);
        var (_, expected) = OracleLoop.Run(_directory, 2);
        if (Cold() != expected || Warm() != expected)
        {
            throw new InvalidOperationException($"{Chart}: the engine's output differs from the oracle's");
        }
    }

    [Benchmark(Description = "cold: read, load, coalesce, parse, render")]
    public string Cold() => ChartRenderer.Render(BenchCharts.Read(_directory), RenderOptions.Default);

    [Benchmark(Description = "warm: loaded chart and parsed templates cached by content")]
    public string Warm() => ChartRenderer.Render(_files, new RenderOptions { Cache = _cache });
}
