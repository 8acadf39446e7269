using GitOpsHQ.Helm.Chart;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// A chart as rendering sees it: its metadata, default values, template texts and CRD files by their path inside
/// the chart (<c>templates/a.yaml</c>), its other files, and the subcharts it depends on. Dependency processing
/// replaces the subcharts (aliases, disabled charts) and the values (imported values), so those can change.
/// </summary>
public sealed class LoadedChart
{
    public LoadedChart(
        ChartMetadata metadata,
        Dictionary<string, object?> values,
        IReadOnlyDictionary<string, string> templates,
        IReadOnlyList<ChartFile> crds,
        IReadOnlyList<ChartFile> files)
    {
        Metadata = metadata;
        Values = values;
        Templates = templates;
        Crds = crds;
        Files = files;
    }

    public ChartMetadata Metadata { get; private set; }

    public Dictionary<string, object?> Values { get; set; }

    /// <summary>Template texts by path inside the chart (<c>templates/…</c>).</summary>
    public IReadOnlyDictionary<string, string> Templates { get; }

    /// <summary>The chart's own files under <c>crds/</c> with a YAML or JSON extension, in path order.</summary>
    public IReadOnlyList<ChartFile> Crds { get; }

    /// <summary>Files that are neither Chart.yaml, values, templates nor subcharts.</summary>
    public IReadOnlyList<ChartFile> Files { get; }

    public List<LoadedChart> Dependencies { get; private set; } = [];

    private FilesObject? _filesObject;

    public LoadedChart? Parent { get; private set; }

    public string Name => Metadata.Name;

    public bool IsRoot => Parent is null;

    /// <summary>The chart's files as templates see them (<c>.Files</c>).</summary>
    public FilesObject FilesObject => _filesObject ??= FilesObject.FromChart(
        Files.Select(f => KeyValuePair.Create(f.Path, f.Content)), Metadata.ApiVersion);

    /// <summary>The text of values.schema.json, or null when the chart has none.</summary>
    public string? Schema { get; init; }

    /// <summary>What <see cref="RenderCache"/> knows the chart's files by, when it loaded them.</summary>
    internal string? ContentKey { get; set; }

    public bool IsLibrary => string.Equals(Metadata.Type, "library", StringComparison.OrdinalIgnoreCase);

    /// <summary>The chart's path in template names: <c>parent/charts/sub</c>.</summary>
    public string FullPath => Parent is null ? Name : Parent.FullPath + "/charts/" + Name;

    public void SetDependencies(IEnumerable<LoadedChart> charts)
    {
        Dependencies = charts.ToList();
        foreach (var chart in Dependencies)
        {
            chart.Parent = this;
        }
    }

    public void SetDeclaredDependencies(IReadOnlyList<ChartDependency> dependencies) =>
        Metadata = Metadata with { Dependencies = dependencies };

    /// <summary>
    /// A copy sharing templates, files and subcharts, renamed when an alias is given. As in Helm, the shared
    /// subcharts keep their parent (so their template names use the original chart's name) until the copy's own
    /// declared dependencies replace them.
    /// </summary>
    public LoadedChart CopyAs(string alias) =>
        new(alias.Length > 0 ? Metadata with { Name = alias } : Metadata, Values, Templates, Crds, Files)
        {
            Dependencies = Dependencies,
            Schema = Schema,
        };

    /// <summary>
    /// An independent copy of a chart as loaded (before dependency processing, which changes it): values copied at
    /// every depth, templates and files shared (they never change).
    /// </summary>
    public LoadedChart Fresh()
    {
        var copy = new LoadedChart(Metadata, (Dictionary<string, object?>)GoTemplate.Functions.Sprig.DeepCopy.Of(Values), Templates, Crds, Files)
        {
            Schema = Schema,
            _filesObject = _filesObject,
        };
        copy.SetDependencies(Dependencies.Select(d => d.Fresh()));
        return copy;
    }

    /// <summary>CRD files of this chart and its subcharts, named by their full path.</summary>
    public IEnumerable<ChartFile> AllCrds() =>
        Crds.Select(f => f with { Path = FullPath + "/" + f.Path }).Concat(Dependencies.SelectMany(d => d.AllCrds()));
}
