using System.Diagnostics;
using System.Text.Json;

namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>
/// The reference renderer (Go's own text/template, built from /work/shared/oracle). Found at $HELM_ORACLE,
/// or at .cache/helm-oracle in the repository, which is built there on first use when the build script is
/// available ($HELM_ORACLE_BUILD, default &lt;repo&gt;/../shared/oracle/build.sh).
/// </summary>
internal static class HelmOracle
{
    private static string _buildOutput = "";

    public static readonly string? Binary = Locate();

    public static string MissingReason =>
        "The Helm oracle is not available and could not be built. Build it with: "
        + "../shared/oracle/build.sh .cache/helm-oracle in the repository (or set HELM_ORACLE). " + _buildOutput;

    /// <summary>
    /// The oracle's raw render map {template path: rendered text}; with <c>--deterministic</c> when the chart
    /// directory holds the <see cref="ChartRendering.DeterministicMarker"/> file.
    /// </summary>
    public static SortedDictionary<string, string> Render(string chartDirectory)
    {
        string[] flags = ChartRendering.IsDeterministic(chartDirectory) ? ["--deterministic"] : [];
        var (code, output, error) = Run(["template", chartDirectory, "--format", "json", .. flags]);
        if (code != 0)
        {
            throw new InvalidOperationException($"The Helm oracle failed: {error}");
        }
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
        return new SortedDictionary<string, string>(map, StringComparer.Ordinal);
    }

    /// <summary>Runs the oracle with the arguments, at most a minute.</summary>
    public static (int Code, string Output, string Error) Run(IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(Binary!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill();
            throw new TimeoutException("The Helm oracle did not finish within a minute.");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HELM_ORACLE");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln")))
            {
                var binary = Path.Combine(dir.FullName, ".cache", "helm-oracle");
                return File.Exists(binary) || TryBuild(binary) ? binary : null;
            }
        }
        return null;
    }

    private static bool TryBuild(string binary)
    {
        // The workplace keeps the oracle's sources beside the repository: <repo>/../shared/oracle.
        var repository = Path.GetDirectoryName(Path.GetDirectoryName(binary))!;
        var script = Environment.GetEnvironmentVariable("HELM_ORACLE_BUILD") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(repository, "..", "shared", "oracle", "build.sh"));
        if (!File.Exists(script))
        {
            _buildOutput = $"(No build script at {script}.)";
            return false;
        }
        var start = new ProcessStartInfo(script) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(binary);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            _buildOutput = "(The build did not finish within 10 minutes.)";
            return false;
        }
        _buildOutput = $"(Build exit code {process.ExitCode}: {stderr.Result}{stdout.Result})";
        return process.ExitCode == 0 && File.Exists(binary);
    }
}

/// <summary>A theory that is skipped, with the reason, when the oracle binary is not available.</summary>
public sealed class OracleTheoryAttribute : TheoryAttribute
{
    public OracleTheoryAttribute()
    {
        if (HelmOracle.Binary is null)
        {
            Skip = HelmOracle.MissingReason;
        }
    }
}
