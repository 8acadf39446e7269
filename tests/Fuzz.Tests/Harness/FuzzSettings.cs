namespace GitOpsHQ.Fuzz.Tests.Harness;

/// <summary>
/// How much a run tries: a fixed seed and each target's own case count by default (the bounded CI run);
/// <c>GITOPSHQ_FUZZ_CASES</c> sets the cases of every parser target (HTTP doors run a tenth of it) and
/// <c>GITOPSHQ_FUZZ_SEED</c> the seed, to run longer or to reproduce a reported case.
/// </summary>
public static class FuzzSettings
{
    public const int DefaultSeed = 20261207;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("GITOPSHQ_FUZZ_SEED"), out var seed) ? seed : DefaultSeed;

    /// <summary>The cases to run for a target whose CI count is <paramref name="ciCases"/>.</summary>
    public static int Cases(int ciCases, int share = 1) =>
        int.TryParse(Environment.GetEnvironmentVariable("GITOPSHQ_FUZZ_CASES"), out var cases) && cases > 0 ? Math.Max(1, cases / share) : ciCases;

    /// <summary>Where failing inputs are written, one file each, ready to be committed under Regressions/.</summary>
    public static string FindingsFolder =>
        Environment.GetEnvironmentVariable("GITOPSHQ_FUZZ_FINDINGS") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Path.GetTempPath(), "gitopshq-fuzz", "findings");

    /// <summary>When set, each target run appends one summary line (target, seed, cases, outcomes, time) to this file.</summary>
    public static string? ReportFile => Environment.GetEnvironmentVariable("GITOPSHQ_FUZZ_REPORT") is { Length: > 0 } file ? file : null;
}
