using System.Diagnostics;
using GitOpsHQ.HelmEngine.Tests.Oracle;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>Runs the oracle as <c>helm template CHART -f … --format manifest</c>: its stdout, or its error text.</summary>
internal static class HelmTemplateOracle
{
    public static (string Output, string? Error) Template(string chartDirectory, IEnumerable<string> valuesFiles)
    {
        var start = new ProcessStartInfo(HelmOracle.Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "template", chartDirectory, "--format", "manifest" })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var file in valuesFiles)
        {
            start.ArgumentList.Add("-f");
            start.ArgumentList.Add(file);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("The Helm oracle did not finish within a minute.");
        }
        return process.ExitCode == 0
            ? (stdout.Result, null)
            : ("", stderr.Result.Trim().Replace("Error: ", "", StringComparison.Ordinal));
    }
}
