using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Bench.Helm;

/// <summary>The Go oracle's own loop: <c>helm-oracle template CHART --repeat N</c> (load + values + render N times).</summary>
internal static partial class OracleLoop
{
    /// <summary>Milliseconds per render the oracle reports, and its output (to check both print the same).</summary>
    public static (double MillisecondsPerRender, string Output) Run(string chart, int repeat)
    {
        var start = new ProcessStartInfo(BenchCharts.Oracle) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "template", chart, "--repeat", repeat.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the oracle could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        var match = PerRender().Match(error);
        if (process.ExitCode != 0 || !match.Success)
        {
            throw new InvalidOperationException($"the oracle failed: {error}");
        }
        return (double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), output.Result);
    }

    [GeneratedRegex(@"\(([0-9.]+) ms per render")]
    private static partial Regex PerRender();
}
