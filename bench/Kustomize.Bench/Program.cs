using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using GitOpsHQ.Bench.Kustomize;

// Usage: dotnet run -c Release --project bench/Kustomize.Bench -- [--check | BenchmarkDotNet options, e.g. --filter '*engine*']
// --check only builds both trees with the engine and kubectl kustomize and compares the outputs.
// A short job (1 launch, 3 warm-up and 10 measured iterations) keeps the run to a few minutes on a shared machine.
if (args is ["--check"])
{
    var check = new KustomizeBenchmarks();
    check.Setup();
    check.Cleanup();
    Console.WriteLine("the engine and kubectl kustomize print the same output for both trees");
    return;
}

var config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId("short"))
    .AddColumn(StatisticColumn.Median, StatisticColumn.P95)
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(KustomizeBenchmarks).Assembly).Run(args, config);
