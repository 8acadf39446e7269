using System.Diagnostics;
using System.Text;
using BenchmarkDotNet.Attributes;
using GitOpsHQ.Kustomize;
using GitOpsHQ.Files;

namespace GitOpsHQ.Bench.Kustomize;

/// <summary>
/// In-process builds with the engine beside <c>kubectl kustomize</c> run as a process on the same trees.
/// Setup checks that both print the same output, so the figures compare equal work.
/// </summary>
[MemoryDiagnoser]
public class KustomizeBenchmarks
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"gitopshq-kustomize-bench-{Environment.ProcessId}");
    private FileSet _overlay = null!;
    private FileSet _thousand = null!;

    [GlobalSetup]
    public void Setup()
    {
        _overlay = Load(Trees.TypicalOverlay(), "overlay");
        _thousand = Load(Trees.ThousandResources(), "thousand");
        Check(_overlay, "overlay", "overlay/overlay");
        Check(_thousand, "", "thousand");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Description = "engine: typical overlay")]
    public string EngineTypicalOverlay() => KustomizeBuild.Run(_overlay, "overlay");

    [Benchmark(Description = "engine: 1,000 resources")]
    public string EngineThousandResources() => KustomizeBuild.Run(_thousand);

    [Benchmark(Description = "kubectl kustomize: typical overlay")]
    public string KubectlTypicalOverlay() => Kubectl(Path.Combine(_directory, "overlay/overlay"));

    [Benchmark(Description = "kubectl kustomize: 1,000 resources")]
    public string KubectlThousandResources() => Kubectl(Path.Combine(_directory, "thousand"));

    private FileSet Load(IReadOnlyDictionary<string, string> tree, string name)
    {
        Trees.Write(tree, Path.Combine(_directory, name));
        return FileSet.FromTexts(tree.Select(file => (file.Key, file.Value)));
    }

    private void Check(FileSet files, string root, string directory)
    {
        var expected = Kubectl(Path.Combine(_directory, directory));
        if (KustomizeBuild.Run(files, root) != expected)
        {
            throw new InvalidOperationException($"the engine and kubectl kustomize differ on {directory}");
        }
    }

    private static string Kubectl(string directory)
    {
        using var process = Process.Start(new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"kubectl kustomize failed: {error.Result}");
    }
}
