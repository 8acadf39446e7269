using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using GitOpsHQ.Bench.Helm;
using GitOpsHQ.Helm.Rendering;

// Usage: Helm.Bench [--compare [N] | --soak [N] | BenchmarkDotNet options, e.g. --filter '*']
//   --compare N  the oracle's own loop (--repeat N) beside the engine's cold and warm loops, in one run, per chart
//   --soak N     N warm renders; managed memory after a full collection at 1,000 renders and at N
if (args is ["--compare", ..])
{
    var repeat = args.Length > 1 ? int.Parse(args[1]) : 200;
    // Every path runs a while first, so tiered compilation has settled before anything is measured.
    foreach (var chart in BenchCharts.Names)
    {
        var directory = BenchCharts.Directory(chart);
        var files = BenchCharts.Read(directory);
        var cache = new RenderCache();
        for (var i = 0; i < 500; i++)
        {
            ChartRenderer.Render(BenchCharts.Read(directory), RenderOptions.Default);
            ChartRenderer.Render(files, new RenderOptions { Cache = cache });
        }
    }
    Console.WriteLine($"{"chart",-22} {"oracle ms",10} {"cold ms",9} {"cold/oracle",12} {"warm ms",9} {"warm/oracle",12} {"warm p50",9} {"cold KB",9} {"warm KB",9}");
    foreach (var chart in BenchCharts.Names)
    {
        var directory = BenchCharts.Directory(chart);
        var (oracle, expected) = OracleLoop.Run(directory, repeat);
        var files = BenchCharts.Read(directory);
        var cache = new RenderCache();
        var (cold, coldBytes, _) = Loop(repeat, () => ChartRenderer.Render(BenchCharts.Read(directory), RenderOptions.Default), expected);
        var (warm, warmBytes, warmP50) = Loop(repeat, () => ChartRenderer.Render(files, new RenderOptions { Cache = cache }), expected);
        Console.WriteLine($"{chart,-22} {oracle,10:0.000} {cold,9:0.000} {cold / oracle,12:0.00} {warm,9:0.000} {warm / oracle,12:0.00} {warmP50,9:0.000} {coldBytes / 1024,9:0} {warmBytes / 1024,9:0}");
    }
    return;
}

if (args is ["--soak", ..])
{
    var renders = args.Length > 1 ? int.Parse(args[1]) : 10_000;
    var files = BenchCharts.Read(BenchCharts.Directory(BenchCharts.Names[0]));
    var cache = new RenderCache();
    long at1000 = 0;
    for (var i = 1; i <= renders; i++)
    {
        ChartRenderer.Render(files, new RenderOptions { ReleaseName = "r" + (i % 50), Cache = cache });
        if (i == 1000)
        {
            at1000 = Settled();
        }
    }
    var end = Settled();
    Console.WriteLine($"managed memory after 1,000 renders {at1000 / 1024} KB, after {renders:N0} {end / 1024} KB (growth {(end - at1000) / 1024} KB)");
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("short"))
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(HelmBenchmarks).Assembly).Run(args, config);

// Mean milliseconds and allocated bytes per call over n calls (after 20 more warm-up calls), and the median call time.
static (double Mean, long Bytes, double P50) Loop(int n, Func<string> render, string expected)
{
    for (var i = 0; i < 20; i++)
    {
        if (render() != expected)
        {
            throw new InvalidOperationException("the engine's output differs from the oracle's");
        }
    }
    var times = new double[n];
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var total = Stopwatch.StartNew();
    for (var i = 0; i < n; i++)
    {
        var start = Stopwatch.GetTimestamp();
        render();
        times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
    var mean = total.Elapsed.TotalMilliseconds / n;
    Array.Sort(times);
    return (mean, (GC.GetTotalAllocatedBytes(precise: true) - allocated) / n, times[n / 2]);
}

static long Settled()
{
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    return GC.GetTotalMemory(forceFullCollection: true);
}
