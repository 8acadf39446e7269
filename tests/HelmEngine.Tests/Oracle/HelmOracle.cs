using System.Diagnostics;
using System.Text.Json;

namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>
/// The reference renderer (Go's own text/template and Sprig). Found at $HELM_ORACLE,
/// or at .cache/helm-oracle in the repository, which is built there on first use when the build script is
/// available ($HELM_ORACLE_BUILD, default &lt;repo&gt;/../shared/oracle/build.sh).
/// </summary>
internal static class HelmOracle
{
    private static string _buildOutput = "";

    /// <summary>The oracle binary, unless GITOPSHQ_ORACLE=replay asks for the committed answers alone.</summary>
    public static readonly string? Binary = Environment.GetEnvironmentVariable("GITOPSHQ_ORACLE") == "replay" ? null : Locate();

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

    /// <summary>
    /// The oracle's answer to the arguments: replayed from the answers committed under OracleAnswers/ (so the suite
    /// needs no oracle), and — where the oracle is installed — also asked live and required to equal the committed
    /// answer. GITOPSHQ_REGENERATE=1 rewrites the committed answers from the live oracle instead.
    /// </summary>
    public static (int Code, string Output, string Error) Run(IEnumerable<string> args)
    {
        var list = args.ToList();
        var recorded = OracleAnswers.Find(list);
        if (Binary is null)
        {
            return recorded ?? throw new InvalidOperationException(
                $"No committed oracle answer for `helm-oracle {string.Join(' ', list)}`, and no oracle to ask: {MissingReason} "
                + "Then run the suite with GITOPSHQ_REGENERATE=1 to record it.");
        }
        var live = RunLive(list);
        if (OracleAnswers.Regenerating)
        {
            OracleAnswers.Record(list, live);
            return live;
        }
        if (recorded is null)
        {
            throw new InvalidOperationException(
                $"No committed oracle answer for `helm-oracle {string.Join(' ', list)}`: run the suite with GITOPSHQ_REGENERATE=1 and commit OracleAnswers/.");
        }
        if (recorded != live)
        {
            throw new InvalidOperationException(
                $"The committed oracle answer for `helm-oracle {string.Join(' ', list)}` is not what the oracle answers now: "
                + $"committed exit {recorded.Value.Code}, live {live.Code}. Regenerate with GITOPSHQ_REGENERATE=1 and review the difference.");
        }
        return live;
    }

    /// <summary>Runs the oracle binary with the arguments, at most a minute.</summary>
    private static (int Code, string Output, string Error) RunLive(IReadOnlyList<string> args)
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

/// <summary>
/// A theory compared with the oracle: it runs from the committed answers without the oracle, and is skipped, with the
/// reason, only when neither the answers nor the oracle are there.
/// </summary>
public sealed class OracleTheoryAttribute : TheoryAttribute
{
    public OracleTheoryAttribute()
    {
        if (HelmOracle.Binary is null && !OracleAnswers.Present)
        {
            Skip = HelmOracle.MissingReason;
        }
    }
}
