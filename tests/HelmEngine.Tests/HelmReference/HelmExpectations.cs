using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>What one run of the real Helm client printed: committed beside each case so the suite needs no helm.</summary>
public sealed record HelmRun
{
    public string Helm { get; init; } = HelmClient.Version;

    public List<string> Args { get; init; } = [];

    public int ExitCode { get; init; }

    public string Stdout { get; init; } = "";

    public string Stderr { get; init; } = "";

    /// <summary>
    /// For a <c>helm template</c> that failed on its rendered output: the stdout of the same run with <c>--debug</c>,
    /// which prints every rendered template (<c>---\n# Source: NAME\nTEXT\n</c> in map order, the whole trimmed).
    /// </summary>
    public string? DebugStdout { get; init; }

    /// <summary>The error helm ended with: stderr from its <c>Error: </c> line, without that prefix and without the
    /// "Use --debug flag to render out invalid YAML" hint (the engine's messages have neither).</summary>
    public string Error
    {
        get
        {
            var at = Stderr.StartsWith("Error: ", StringComparison.Ordinal) ? 0 : Stderr.IndexOf("\nError: ", StringComparison.Ordinal);
            if (ExitCode == 0 || at < 0)
            {
                return "";
            }
            var text = Stderr[(Stderr[at] == '\n' ? at + 1 : at)..]["Error: ".Length..];
            const string hint = "Use --debug flag to render out invalid YAML";
            if (text.TrimEnd().EndsWith(hint, StringComparison.Ordinal))
            {
                text = text.TrimEnd()[..^hint.Length];
            }
            return text.Trim();
        }
    }
}

/// <summary>Reading, writing and comparing the committed helm runs.</summary>
internal static partial class HelmExpectations
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The committed run, as copied beside the test binaries; null when there is none.</summary>
    public static HelmRun? Load(ReferenceCase @case, string kind)
    {
        var file = Path.Combine(AppContext.BaseDirectory, @case.ExpectationPath(kind));
        return File.Exists(file) ? JsonSerializer.Deserialize<HelmRun>(File.ReadAllText(file), Json) : null;
    }

    public static HelmRun Require(ReferenceCase @case, string kind) =>
        Load(@case, kind) ?? throw new Xunit.Sdk.XunitException(
            $"{@case.ExpectationPath(kind)} is missing: run the tests with {HelmClient.RegenerateVariable}=1 and the Helm client present.");

    /// <summary>Writes the run into the test project's sources (regenerate mode).</summary>
    public static void Save(ReferenceCase @case, string kind, HelmRun run)
    {
        var repository = HelmClient.RepositoryDirectory() ?? throw new InvalidOperationException("The repository was not found.");
        var file = Path.Combine(repository, "tests", "HelmEngine.Tests", @case.ExpectationPath(kind));
        File.WriteAllText(file, JsonSerializer.Serialize(run, Json).ReplaceLineEndings("\n") + "\n");
    }

    private const string SchemaHeading = "values don't meet the specifications of the schema(s) in the following chart(s):";

    /// <summary>
    /// An error text to compare. Helm 3.13 lists a chart's schema violations in Go map order, which changes from run
    /// to run; the engine lists them in a fixed order. So violations are compared as a sorted list per chart.
    /// </summary>
    public static string ComparableError(string error)
    {
        var at = error.IndexOf(SchemaHeading, StringComparison.Ordinal);
        if (at < 0)
        {
            return error.Trim();
        }
        var lines = error.Trim().Split('\n');
        var result = new List<string>();
        var violations = new List<string>();
        void Flush()
        {
            result.AddRange(violations.Order(StringComparer.Ordinal));
            violations.Clear();
        }
        foreach (var line in lines)
        {
            if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                violations.Add(line);
            }
            else
            {
                Flush();
                result.Add(line);
            }
        }
        Flush();
        return string.Join('\n', result);
    }

    /// <summary>The rendered templates of a <c>--debug</c> stdout, and which was printed last (its end was trimmed).</summary>
    public static (SortedDictionary<string, string> Templates, string Last) DebugTemplates(string debugStdout)
    {
        var headers = SourceHeader().Matches(debugStdout);
        var templates = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            var start = headers[i].Index + headers[i].Length;
            var end = i + 1 < headers.Count ? headers[i + 1].Index : debugStdout.Length;
            var text = debugStdout[start..end];
            templates[headers[i].Groups[1].Value] = text.EndsWith('\n') ? text[..^1] : text;
        }
        return (templates, headers.Count > 0 ? headers[^1].Groups[1].Value : "");
    }

    [GeneratedRegex(@"(?m)^---\n# Source: (.+)\n")]
    private static partial Regex SourceHeader();

    /// <summary>Where two texts first differ, for failure messages.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  helm:   {left}\n  engine: {right}";
            }
        }
        return "(line endings)";
    }
}
