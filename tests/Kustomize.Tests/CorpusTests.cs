using System.Text;
using Xunit.Abstractions;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>
/// The engine against a large corpus kept outside the repository: kustomize's own test cases and documented examples,
/// converted to trees by scripts/corpora/krusty-cases, each with what kubectl kustomize builds from it. The corpus is
/// found in GITOPSHQ_KUSTOMIZE_CORPUS, or ../shared/corpora/kustomize beside the repository; without it the tests are
/// skipped. A case is a folder holding tree/ (the files), root (the directory built, relative to tree/) and
/// expected.yaml (kubectl's output) or expected-error.txt (its refusal), and flags when kubectl took any
/// (--load-restrictor LoadRestrictionsNone). The engine must print the same bytes, or
/// refuse too.
/// </summary>
public sealed class CorpusTests(ITestOutputHelper output)
{
    internal static string? Folder { get; } = Locate();

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("GITOPSHQ_KUSTOMIZE_CORPUS");
        if (!string.IsNullOrEmpty(configured)) return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        try
        {
            var beside = Path.GetFullPath(Path.Combine(Expectations.SourceRoot(), "..", "shared", "corpora", "kustomize"));
            return Directory.Exists(beside) ? beside : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in CaseNames()) data.Add(name);
        if (data.Count == 0) data.Add("(no corpus)");
        return data;
    }

    private static IEnumerable<string> CaseNames() => Folder is null
        ? []
        : Directory.GetDirectories(Folder)
            .Where(d => Directory.Exists(Path.Combine(d, "tree")))
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    [CorpusTheory]
    [MemberData(nameof(Cases))]
    public void Engine_builds_what_kubectl_kustomize_built(string name)
    {
        var result = Check(name);
        Assert.True(result.Verdict != Verdict.Different, result.Detail);
    }

    /// <summary>
    /// The parity table: every case's verdict, with the figures. Printed to the test output and, with
    /// GITOPSHQ_KUSTOMIZE_PARITY set to a file name, written there as Markdown.
    /// </summary>
    [CorpusFact]
    public void Parity_table()
    {
        var results = CaseNames().Select(Check).ToList();
        var text = new StringBuilder();
        text.AppendLine($"| cases | identical | same refusal | different |");
        text.AppendLine($"|---|---|---|---|");
        text.AppendLine($"| {results.Count} | {results.Count(r => r.Verdict == Verdict.Identical)} | {results.Count(r => r.Verdict == Verdict.SameRefusal)} | {results.Count(r => r.Verdict == Verdict.Different)} |");
        text.AppendLine();
        foreach (var r in results.Where(r => r.Verdict == Verdict.Different))
            text.AppendLine($"- {r.Name}: {Shorten(r.Detail)}");
        var refusalsNamingOtherProblems = results.Where(r => r.Verdict == Verdict.SameRefusal && r.Detail != "").ToList();
        if (refusalsNamingOtherProblems.Count > 0)
        {
            text.AppendLine();
            text.AppendLine($"Both refuse, naming different problems ({refusalsNamingOtherProblems.Count}):");
            foreach (var r in refusalsNamingOtherProblems) text.AppendLine($"- {r.Name}: {Shorten(r.Detail)}");
        }

        output.WriteLine(text.ToString());
        var file = Environment.GetEnvironmentVariable("GITOPSHQ_KUSTOMIZE_PARITY");
        if (!string.IsNullOrEmpty(file)) File.WriteAllText(file, text.ToString());
        Assert.NotEmpty(results);
    }

    private enum Verdict { Identical, SameRefusal, Different }

    private sealed record Result(string Name, Verdict Verdict, string Detail);

    private static Result Check(string name)
    {
        var folder = Path.Combine(Folder!, name);
        var root = File.ReadAllText(Path.Combine(folder, "root")).Trim();
        // kubectl's flags for the case (the options its test sets), when it has any.
        var flags = Path.Combine(folder, "flags");
        var limits = BuildLimits.Default;
        if (File.Exists(flags))
        {
            var given = File.ReadAllText(flags).Trim();
            if (given != "--load-restrictor LoadRestrictionsNone") return new(name, Verdict.Different, $"kubectl flags the corpus runner does not know: {given}");
            limits = limits with { FilesOutsideRoot = true };
        }

        var (actual, failure) = DifferentialTests.Build(Path.Combine(folder, "tree"), root == "." ? "" : root, limits);
        var expectedOutput = Path.Combine(folder, "expected.yaml");
        if (File.Exists(expectedOutput))
        {
            var expected = File.ReadAllText(expectedOutput);
            if (failure is not null) return new(name, Verdict.Different, $"kubectl builds; the engine refuses: {failure.Message}");
            return actual == expected
                ? new(name, Verdict.Identical, "")
                : new(name, Verdict.Different, $"outputs differ at line {FirstDifferentLine(expected, actual!)}");
        }

        var error = File.ReadAllText(Path.Combine(folder, "expected-error.txt"));
        if (failure is null) return new(name, Verdict.Different, $"kubectl refuses ({FirstLine(error)}); the engine builds");
        return new(name, Verdict.SameRefusal, DifferentialTests.SameProblem(failure.Message, error)
            ? ""
            : $"kubectl: {FirstLine(error)} / engine: {failure.Message}");
    }

    private static string FirstDifferentLine(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "(end)";
            var al = i < a.Length ? a[i] : "(end)";
            if (el != al) return $"{i + 1}: kubectl `{el}`, engine `{al}`";
        }

        return "(none)";
    }

    // The first line that says something: not kubectl's log wrapper nor its deprecation warnings.
    private static string FirstLine(string text) =>
        text.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.Length > 0 && !line.StartsWith("# Warning", StringComparison.Ordinal)
            && line != "\"command failed\" err=<") ?? "";

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text.ReplaceLineEndings(" ");
}

/// <summary>A theory that is skipped, with the reason, when the kustomize corpus is not present.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (CorpusTests.Folder is null) Skip = CorpusFactAttribute.Absent;
    }
}

/// <summary>A fact that is skipped, with the reason, when the kustomize corpus is not present.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    internal const string Absent = "no kustomize corpus: set GITOPSHQ_KUSTOMIZE_CORPUS to a folder written by scripts/corpora/krusty-cases (default ../shared/corpora/kustomize beside the repository)";

    public CorpusFactAttribute()
    {
        if (CorpusTests.Folder is null) Skip = Absent;
    }
}
