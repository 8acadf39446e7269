using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.HelmEngine.Tests.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// A corpus of public charts kept outside the repository (their files are not ours to commit), rendered by the engine
/// and by the real <c>helm template</c> at test time with identical flags. Found at <c>$GITOPSHQ_HELM_CORPUS</c>, or at
/// <c>../shared/corpora/helm</c> beside the repository's root.
/// <para>
/// The folder holds the charts (each with its dependencies vendored into its <c>charts/</c>), any values files, and a
/// manifest <c>corpus.json</c>:
/// <code>
/// {
///   "format": 1,
///   "kubeVersion": "v1.30.0",                 // given to both as --kube-version
///   "charts": [{
///     "id": "bitnami/redis",                  // unique; PUBLISHER/NAME
///     "publisher": "bitnami",
///     "repo": "bitnami/charts",               // where the chart was taken from,
///     "commit": "5165628a…",                  //   at which commit,
///     "path": "bitnami/redis",                //   and which folder of it
///     "dir": "charts/bitnami/redis",          // the chart folder, relative to the corpus folder
///     "bytes": 123456,                        // size of the chart folder with its vendored dependencies
///     "dependencies": [{ "name": "common", "vendored": "bitnami:bitnami/common@5165628a…", … }],
///     "variants": [{
///       "name": "features",                   // unique within the chart
///       "release": "corpus", "namespace": "team-a",
///       "args": ["-f", "values/x.yaml", "--set", "a[0].b=c", "--include-crds"],   // helm template flags; -f paths
///       "source": "hand-written: x.yaml"      //   relative to the corpus folder; informative
///     }]
///   }]
/// }
/// </code>
/// </para>
/// </summary>
internal sealed class PublicChartCorpus
{
    public const string Variable = "GITOPSHQ_HELM_CORPUS";

    /// <summary>Set to a file path to have the parity table written there (see <see cref="PublicChartCorpusTests"/>).</summary>
    public const string ReportVariable = "GITOPSHQ_HELM_CORPUS_REPORT";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private static readonly (PublicChartCorpus? Corpus, string Missing) Located = Locate();

    /// <summary>The corpus, or null when there is none.</summary>
    public static PublicChartCorpus? Instance => Located.Corpus;

    public static string MissingReason => Located.Missing;

    public required string Directory { get; init; }

    public required Manifest Content { get; init; }

    public sealed record Manifest
    {
        public int Format { get; init; }

        public string KubeVersion { get; init; } = "v1.30.0";

        public List<Chart> Charts { get; init; } = [];
    }

    public sealed record Chart
    {
        public string Id { get; init; } = "";

        public string Publisher { get; init; } = "";

        public string Repo { get; init; } = "";

        public string Commit { get; init; } = "";

        public string Path { get; init; } = "";

        public string Dir { get; init; } = "";

        public long Bytes { get; init; }

        public List<Variant> Variants { get; init; } = [];
    }

    public sealed record Variant
    {
        public string Name { get; init; } = "";

        public string Release { get; init; } = "release-name";

        public string Namespace { get; init; } = "default";

        public List<string> Args { get; init; } = [];

        [JsonPropertyName("source")]
        public string? Source { get; init; }
    }

    /// <summary>Every chart/variant as <c>CHART-ID#VARIANT</c>, in manifest order.</summary>
    public IEnumerable<string> CaseIds() => Content.Charts.SelectMany(c => c.Variants.Select(v => c.Id + "#" + v.Name));

    public (Chart Chart, Variant Variant) Find(string caseId)
    {
        var hash = caseId.LastIndexOf('#');
        var chart = Content.Charts.Single(c => c.Id == caseId[..hash]);
        return (chart, chart.Variants.Single(v => v.Name == caseId[(hash + 1)..]));
    }

    /// <summary><c>helm template</c>'s arguments for a variant, run in the corpus folder.</summary>
    public List<string> TemplateArguments(Chart chart, Variant variant) =>
        ["template", variant.Release, chart.Dir, "--namespace", variant.Namespace, "--kube-version", Content.KubeVersion, .. variant.Args];

    /// <summary>The same render as the engine's options: <c>-f</c> files are read here, every other flag as the engine's own.</summary>
    public RenderOptions EngineOptions(Variant variant)
    {
        var valuesFiles = new List<string>();
        var flags = new List<string>();
        for (var i = 0; i < variant.Args.Count; i++)
        {
            if (variant.Args[i] is "-f" or "--values")
            {
                valuesFiles.Add(File.ReadAllText(System.IO.Path.Combine(Directory, variant.Args[++i])));
            }
            else
            {
                flags.Add(variant.Args[i]);
            }
        }
        var options = new RenderOptions
        {
            ReleaseName = variant.Release,
            Namespace = variant.Namespace,
            KubeVersion = Content.KubeVersion,
            ValuesFiles = valuesFiles,
            // The comparison is about output, not speed: big charts on a busy machine get time.
            Timeout = TimeSpan.FromMinutes(5),
        };
        return CaseFlags.Apply(options, flags);
    }

    private static (PublicChartCorpus?, string) Locate()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        var repository = HelmClient.RepositoryDirectory();
        var folder = !string.IsNullOrEmpty(configured)
            ? configured
            : repository is null ? null : System.IO.Path.GetFullPath(System.IO.Path.Combine(repository, "..", "shared", "corpora", "helm"));
        var manifest = folder is null ? null : System.IO.Path.Combine(folder, "corpus.json");
        if (manifest is null || !File.Exists(manifest))
        {
            return (null, $"No public chart corpus: set {Variable} to a folder with a corpus.json (default ../shared/corpora/helm "
                + $"beside the repository); looked at {folder ?? "(no repository found)"}.");
        }
        return (new PublicChartCorpus
        {
            Directory = folder!,
            Content = JsonSerializer.Deserialize<Manifest>(File.ReadAllText(manifest), Json)
                ?? throw new InvalidDataException($"{manifest} is empty."),
        }, "");
    }
}

/// <summary>How one render of a public chart compares with helm's.</summary>
public enum Parity
{
    Identical,
    SameRefusal,
    Different,
}

/// <summary>
/// One comparison: the verdict, whether volatile lines were masked, what differs, and for a difference the engine
/// makes on purpose, why (see <see cref="KnownDifferences.PublicChartRefusals"/>).
/// </summary>
internal sealed record CorpusOutcome(Parity Parity, bool Masked, string Detail, string? Explained = null);

/// <summary>
/// Compares the engine with <c>helm template</c> on one chart/variant. Output is compared byte for byte (through the
/// same <see cref="KnownDifferences.ApplyTo"/> and error comparisons as the committed reference cases), except where the
/// chart uses a random, clock or key function: then helm is run twice (a second apart when the chart reads the clock)
/// and the lines that differ between its two runs are volatile — the engine's output must have the same lines
/// everywhere else, and as many lines in each volatile document.
/// </summary>
internal static partial class CorpusComparison
{
    public static CorpusOutcome Compare(PublicChartCorpus corpus, string caseId)
    {
        var (chart, variant) = corpus.Find(caseId);
        var args = corpus.TemplateArguments(chart, variant);
        var chartDirectory = Path.Combine(corpus.Directory, chart.Dir);
        var volatility = Volatility(chartDirectory);
        var first = HelmClient.Run(corpus.Directory, args);
        (int Code, string Output, string Error)? second = null;
        if (volatility != VolatileUse.None && first.Code == 0)
        {
            if (volatility == VolatileUse.Clock)
            {
                Thread.Sleep(1100);
            }
            second = HelmClient.Run(corpus.Directory, args);
        }
        var helm = new HelmRun { Args = args, ExitCode = first.Code, Stdout = first.Output, Stderr = first.Error };

        string? actual = null;
        Exception? failure = null;
        try
        {
            actual = ChartRenderer.Render(FileSet.From(ChartFiles.From(chartDirectory)), corpus.EngineOptions(variant));
        }
        catch (Exception e)
        {
            failure = e;
        }

        if (helm.ExitCode != 0)
        {
            var expectedError = HelmExpectations.ComparableError(helm.Error + "\n");
            var explained = KnownDifferences.PublicChartRefusal(helm.Error, failure?.Message);
            if (failure is not RenderException)
            {
                return new(Parity.Different, false,
                    $"helm refuses, the engine {(failure is null ? "renders" : "fails with " + failure.GetType().Name + ": " + failure.Message)}\n  helm: {FirstLine(expectedError)}",
                    explained);
            }
            var actualError = HelmExpectations.ComparableError(failure.Message);
            return expectedError == actualError || KnownDifferences.SameYamlSyntaxError(expectedError, actualError)
                ? new(Parity.SameRefusal, false, FirstLine(expectedError))
                : new(Parity.Different, false, $"both refuse, with other errors\n  helm:   {ErrorLines(expectedError)}\n  engine: {ErrorLines(actualError)}", explained);
        }
        if (failure is not null)
        {
            return new(Parity.Different, false, $"helm renders, the engine fails with {failure.GetType().Name}: {FirstLine(failure.Message)}");
        }

        var expected = helm.Stdout;
        if (second is { Code: 0 } again && again.Output != expected)
        {
            var masked = MaskedDifference(expected, again.Output, actual!);
            return masked is null ? new(Parity.Identical, true, "") : new(Parity.Different, true, masked);
        }
        return expected == actual
            ? new(Parity.Identical, false, "")
            : new(Parity.Different, false, HelmExpectations.FirstDifference(expected, actual!));
    }

    private enum VolatileUse
    {
        None,
        Random,
        Clock,
    }

    /// <summary>Whether any template of the chart or its subcharts names a random, clock or key function.</summary>
    private static VolatileUse Volatility(string chartDirectory)
    {
        var use = VolatileUse.None;
        foreach (var file in Directory.EnumerateFiles(chartDirectory, "*", SearchOption.AllDirectories)
                     .Where(f => f.Contains($"{Path.DirectorySeparatorChar}templates{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (ClockFunction().IsMatch(text))
            {
                return VolatileUse.Clock;
            }
            if (RandomFunction().IsMatch(text))
            {
                use = VolatileUse.Random;
            }
        }
        return use;
    }

    [GeneratedRegex(@"\b(randAlphaNum|randAlpha|randNumeric|randAscii|randBytes|randInt|shuffle|uuidv4|genCA|genCAWithKey|genPrivateKey|genSelfSignedCert|genSelfSignedCertWithKey|genSignedCert|genSignedCertWithKey|bcrypt|htpasswd|encryptAES)\b")]
    private static partial Regex RandomFunction();

    [GeneratedRegex(@"\b(now|unixEpoch|dateInZone)\b")]
    private static partial Regex ClockFunction();

    /// <summary>
    /// Null when the engine's output equals helm's on every line that is the same in helm's two runs; else where not.
    /// Documents whose line count changes between helm's runs (a key wrapped onto another line) are compared by their
    /// <c># Source:</c> line alone.
    /// </summary>
    private static string? MaskedDifference(string run1, string run2, string engine)
    {
        var (d1, d2, de) = (Documents(run1), Documents(run2), Documents(engine));
        if (d1.Count != d2.Count || d1.Count != de.Count)
        {
            return $"{d1.Count} documents from helm, {de.Count} from the engine (helm's second run: {d2.Count})";
        }
        for (var d = 0; d < d1.Count; d++)
        {
            var (l1, l2, le) = (d1[d].Split('\n'), d2[d].Split('\n'), de[d].Split('\n'));
            if (l1.Length != l2.Length)
            {
                if (l1[0] != le[0] || l1.Length > 1 && le.Length > 1 && l1[1] != le[1])
                {
                    return $"document {d + 1}: helm {l1[0]} {(l1.Length > 1 ? l1[1] : "")}, engine {le[0]} {(le.Length > 1 ? le[1] : "")}";
                }
                continue;
            }
            if (le.Length != l1.Length)
            {
                return $"document {d + 1} ({(l1.Length > 1 ? l1[1] : l1[0])}): {l1.Length} lines from helm, {le.Length} from the engine";
            }
            for (var i = 0; i < l1.Length; i++)
            {
                if (l1[i] == l2[i] && l1[i] != le[i])
                {
                    return $"document {d + 1} ({(l1.Length > 1 ? l1[1] : l1[0])}) line {i + 1}:\n  helm:   {l1[i]}\n  engine: {le[i]}";
                }
            }
        }
        return null;
    }

    private static List<string> Documents(string output) => [.. output.Split("\n---\n")];

    // A schema refusal's first lines (its heading alone says nothing), else the first line.
    private static string ErrorLines(string text) =>
        text.StartsWith("values don't meet", StringComparison.Ordinal) ? string.Join(" ⏎ ", text.Split('\n').Take(3).Select(l => FirstLine(l))) : FirstLine(text);

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0];
        return line.Length > 400 ? line[..400] + "…" : line;
    }
}
