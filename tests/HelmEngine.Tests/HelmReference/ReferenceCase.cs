using GitOpsHQ.HelmEngine.Tests.Rendering;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// A chart of the engine's differential corpora, as both references take it:
/// <list type="bullet">
/// <item><c>Charts/NAME</c>: the folder is the chart; rendered with the defaults (checked against the oracle too).</item>
/// <item><c>HelmCharts/NAME</c>: chart/, user-values/ and flags (checked against the oracle too).</item>
/// <item><c>HelmReferenceCharts/NAME</c>: the same layout, for what only real Helm can check (values.schema.json, Helm's
/// own <c>.Capabilities</c> defaults).</item>
/// </list>
/// The oracle's default Kubernetes version is v1.36.0 and Helm 3.13's is v1.28.0, so cases of the first two corpora give
/// helm <c>--kube-version v1.36.0</c> unless their flags name one; cases of HelmReferenceCharts give helm their flags as
/// they are, and the engine is then given Helm 3.13's default (see <see cref="HelmDefaultKubeVersion"/>).
/// </summary>
public sealed record ReferenceCase(string Corpus, string Name)
{
    public const string OracleDefaultKubeVersion = "v1.36.0";

    /// <summary>Helm 3.13's <c>.Capabilities.KubeVersion</c> without <c>--kube-version</c> (its client-go's version).</summary>
    public const string HelmDefaultKubeVersion = "v1.28.0";

    public static readonly string[] Corpora = ["Charts", "HelmCharts", "HelmReferenceCharts"];

    public string Id => Corpus + "/" + Name;

    public override string ToString() => Id;

    /// <summary>The case's folder among the test binaries.</summary>
    public string Directory => Path.Combine(AppContext.BaseDirectory, Corpus, Name);

    public string ChartDirectory => Corpus == "Charts" ? Directory : Path.Combine(Directory, "chart");

    /// <summary>The chart folder as helm is given it, relative to <see cref="Directory"/>.</summary>
    private string ChartArgument => Corpus == "Charts" ? "." : "chart";

    /// <summary>User values files, relative to <see cref="Directory"/>, in name order.</summary>
    public IReadOnlyList<string> ValuesFiles
    {
        get
        {
            var folder = Path.Combine(Directory, "user-values");
            return Corpus == "Charts" || !System.IO.Directory.Exists(folder)
                ? []
                : System.IO.Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal)
                    .Select(f => "user-values/" + Path.GetFileName(f)).ToList();
        }
    }

    public IReadOnlyList<string> Flags => Corpus == "Charts" ? [] : CaseFlags.Read(Directory);

    /// <summary>Rendered with random, clock or key stand-ins: real Helm cannot print the same.</summary>
    public bool NeedsDeterministicStandIns => Corpus == "Charts"
        ? File.Exists(Path.Combine(Directory, Oracle.ChartRendering.DeterministicMarker))
        : Flags.Contains("--deterministic");

    private bool NamesKubeVersion => Flags.Any(f => f == "--kube-version" || f.StartsWith("--kube-version=", StringComparison.Ordinal));

    /// <summary>Where the committed expectations of a kind (template, lint) are kept, relative to the test project.</summary>
    public string ExpectationPath(string kind) => Path.Combine(Corpus, Name, $"helm-{kind}.json");

    /// <summary><c>helm template</c>'s arguments for this case (run in <see cref="Directory"/>).</summary>
    public List<string> TemplateArguments()
    {
        var release = "release-name";
        var rest = new List<string>();
        var flags = Flags;
        for (var i = 0; i < flags.Count; i++)
        {
            if (flags[i] == "--name")
            {
                release = flags[++i];
            }
            else if (flags[i].StartsWith("--name=", StringComparison.Ordinal))
            {
                release = flags[i]["--name=".Length..];
            }
            else
            {
                rest.Add(flags[i]);
            }
        }
        var args = new List<string> { "template", release, ChartArgument };
        args.AddRange(ValuesFiles.SelectMany(f => new[] { "-f", f }));
        args.AddRange(rest);
        if (Corpus != "HelmReferenceCharts" && !NamesKubeVersion)
        {
            args.AddRange(["--kube-version", OracleDefaultKubeVersion]);
        }
        return args;
    }

    /// <summary>The same render as the engine's options.</summary>
    public RenderOptions EngineOptions()
    {
        var options = CaseFlags.Apply(
            new RenderOptions { ValuesFiles = ValuesFiles.Select(f => File.ReadAllText(Path.Combine(Directory, f))).ToList() },
            Flags);
        return Corpus == "HelmReferenceCharts" && !NamesKubeVersion ? options with { KubeVersion = HelmDefaultKubeVersion } : options;
    }

    public static IEnumerable<ReferenceCase> All() => Corpora.SelectMany(corpus =>
        System.IO.Directory.EnumerateDirectories(Path.Combine(AppContext.BaseDirectory, corpus))
            .Order(StringComparer.Ordinal)
            .Select(d => new ReferenceCase(corpus, Path.GetFileName(d))));

    public static ReferenceCase Parse(string id) => new(id[..id.IndexOf('/')], id[(id.IndexOf('/') + 1)..]);
}
