using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>
/// What kubectl kustomize printed for each case, committed beside the cases (Expected/&lt;case&gt;.yaml or .error) so
/// the suite needs no kubectl. GITOPSHQ_REGENERATE=1 (with kubectl installed) rewrites them in the source tree.
/// </summary>
internal static partial class Expectations
{
    public static bool Regenerating => Environment.GetEnvironmentVariable("GITOPSHQ_REGENERATE") == "1";

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Expected");

    public static KubectlKustomize.Result Read(string name)
    {
        var output = Path.Combine(Folder, name + ".yaml");
        if (File.Exists(output)) return new KubectlKustomize.Result(0, File.ReadAllText(output), "");
        var error = Path.Combine(Folder, name + ".error");
        if (File.Exists(error)) return new KubectlKustomize.Result(1, "", File.ReadAllText(error));
        throw new InvalidOperationException($"Case {name} has no committed expectation under Expected/; run the suite with GITOPSHQ_REGENERATE=1 and kubectl installed.");
    }

    public static void Write(string name, KubectlKustomize.Result result)
    {
        var folder = Path.Combine(SourceRoot(), "tests", "Kustomize.Tests", "Expected");
        Directory.CreateDirectory(folder);
        File.Delete(Path.Combine(folder, name + ".yaml"));
        File.Delete(Path.Combine(folder, name + ".error"));
        if (result.ExitCode == 0) File.WriteAllText(Path.Combine(folder, name + ".yaml"), result.Output);
        else File.WriteAllText(Path.Combine(folder, name + ".error"), Stable(result.Error));
    }

    /// <summary>
    /// kubectl's error without what differs between runs and machines: the log prefix (time, process), memory addresses
    /// and the case's absolute path.
    /// </summary>
    public static string Stable(string error) =>
        Address().Replace(AbsoluteCasePath().Replace(LogPrefix().Replace(error, ""), "CASE"), "0xADDRESS");

    [GeneratedRegex("0x[0-9a-f]{6,}")]
    private static partial Regex Address();

    [GeneratedRegex(@"/[^\s'""]*/Cases/[^/\s'""]+")]
    private static partial Regex AbsoluteCasePath();

    [GeneratedRegex(@"(?m)^[EWIF]\d{4} \d{2}:\d{2}:\d{2}\.\d+\s+\d+ [^\]]+\] ")]
    private static partial Regex LogPrefix();

    internal static string SourceRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln"))) return dir.FullName;
        throw new InvalidOperationException("Regenerating needs the source tree (GitOpsHQ.sln above the test binaries).");
    }
}

/// <summary>A theory that is skipped, with the reason, where kubectl is not installed.</summary>
public sealed class KubectlTheoryAttribute : TheoryAttribute
{
    public KubectlTheoryAttribute()
    {
        if (!KubectlKustomize.Installed) Skip = "kubectl is not installed; the committed expectations under Expected/ are not re-checked against it";
    }
}
