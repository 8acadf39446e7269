using System.Diagnostics;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Runs the real <c>kubectl kustomize</c> on a directory, at test time.</summary>
internal static class KubectlKustomize
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static bool Installed { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Any(folder => folder != "" && File.Exists(Path.Combine(folder, "kubectl")));

    public static Result Build(string directory)
    {
        var start = new ProcessStartInfo("kubectl", ["kustomize", directory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return new Result(process.ExitCode, output, error.Result);
    }
}
