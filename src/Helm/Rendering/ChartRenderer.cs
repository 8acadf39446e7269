using GitOpsHQ.Files;
using GitOpsHQ.GoTemplate;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Renders a chart and its subcharts as <c>helm template</c> prints it: dependencies are applied (conditions,
/// tags, aliases, imported values), values coalesced down the tree, every chart's templates parsed into one set
/// (named <c>parent/charts/sub/templates/x.yaml</c>) and each run with its own chart's objects. Library charts
/// give their definitions but no output. Failures throw <see cref="RenderException"/> with Helm's wording.
/// </summary>
public static class ChartRenderer
{
    /// <summary>
    /// Bounds on each template's execution (deep enough for Helm's own limit of 1,000 nested includes of one name to
    /// speak first); the same output bound applies to all templates together.
    /// </summary>
    private static readonly ExecutionLimits Limits = ExecutionLimits.Default with { MaxTemplateDepth = 1100 };

    /// <summary>The chart's manifests as <c>helm template</c> prints them; waits for the render thread.</summary>
    public static string Render(FileSet files, RenderOptions options) => RenderThreads.Run(() => Manifests(files, options));

    /// <summary>
    /// The chart's manifests as <c>helm template</c> prints them, rendered on a render thread while the caller's thread
    /// is free; the task fails with <see cref="RenderException"/> as <see cref="Render"/> throws it.
    /// </summary>
    public static Task<string> RenderAsync(FileSet files, RenderOptions options) => RenderThreads.RunAsync(() => Manifests(files, options));

    /// <summary>What <see cref="Render"/> prints, object by object (for <c>--output-dir</c>); ShowOnly is not applied.</summary>
    public static IReadOnlyList<ManifestEntry> RenderEntries(FileSet files, RenderOptions options) => RenderThreads.Run(() =>
    {
        var chart = Prepare(files, options, out var values);
        return ManifestOutput.Entries(RenderTemplates(chart, values, options), chart.AllCrds(), options);
    });

    private static string Manifests(FileSet files, RenderOptions options)
    {
        var chart = Prepare(files, options, out var values);
        return ManifestOutput.Write(RenderTemplates(chart, values, options), chart.AllCrds(), options);
    }

    /// <summary>Each template's rendered text by chart path (partials left out, NOTES.txt included).</summary>
    public static IReadOnlyDictionary<string, string> RenderTemplates(FileSet files, RenderOptions options) =>
        RenderThreads.Run<IReadOnlyDictionary<string, string>>(() =>
        {
            var chart = Prepare(files, options, out var values);
            return RenderTemplates(chart, values, options);
        });

    /// <summary>
    /// Checks values meant for a render without rendering: the schema findings of the chart and its subcharts (each line
    /// as Helm lists it, prefixed with the chart's name) and the keys of the user's values no chart of the tree reads
    /// (see <see cref="ValuesUsage"/>).
    /// </summary>
    /// <exception cref="RenderException">The chart or the values cannot be loaded.</exception>
    public static (IReadOnlyList<string> Violations, IReadOnlyList<string> UnreadKeys) CheckValues(FileSet files, RenderOptions options)
    {
        var chart = options.Cache?.Load(files) ?? ChartLoader.Load(files);
        var userValues = ValuesCoalescing.MergeUserValues(
            options.ValuesFiles.Select((text, i) => GoValuesYaml.ReadMap(text, $"values file {i + 1}")));
        SetValues.Apply(userValues, options.Overrides);
        var given = ValuesCoalescing.MergeUserValues([userValues]);
        ChartDependencies.Process(chart, userValues);
        var values = ValuesCoalescing.Coalesce(chart, userValues);
        var violations = new List<string>();
        foreach (var finding in SchemaFindings(chart, values).Where(f => f.Length > 0))
        {
            var lines = finding.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var name = lines[0].TrimEnd(':');
            violations.AddRange(lines.Skip(1).Select(line => $"{name}: {(line.StartsWith("- ", StringComparison.Ordinal) ? line[2..] : line)}"));
        }
        return (violations, ValuesUsage.UnreadKeys(chart, given));
    }

    // Loads the chart, applies its dependencies and checks it may be rendered; gives the coalesced values.
    private static LoadedChart Prepare(FileSet files, RenderOptions options, out Dictionary<string, object?> values)
    {
        var chart = options.Cache?.Load(files) ?? ChartLoader.Load(files);
        if (chart.IsLibrary)
        {
            throw new RenderException("library charts are not installable");
        }
        var userValues = ValuesCoalescing.MergeUserValues(
            options.ValuesFiles.Select((text, i) => GoValuesYaml.ReadMap(text, $"values file {i + 1}")));
        SetValues.Apply(userValues, options.Overrides);
        ChartDependencies.Process(chart, userValues);
        var kubeVersion = CapabilitiesObject.Version(options);
        if (chart.Metadata.KubeVersion.Length > 0 && !VersionConstraints.Satisfies(chart.Metadata.KubeVersion, kubeVersion))
        {
            throw new RenderException(
                $"chart requires kubeVersion: {chart.Metadata.KubeVersion} which is incompatible with Kubernetes {kubeVersion}");
        }
        values = ValuesCoalescing.Coalesce(chart, userValues);
        SchemaValidation.ThrowIfAny(SchemaFindings(chart, values));
        return chart;
    }

    /// <summary>
    /// The schema findings of the chart and of each subchart against its part of the values, in Helm's order: a
    /// chart before its subcharts, depth first.
    /// </summary>
    private static IEnumerable<string> SchemaFindings(LoadedChart chart, IReadOnlyDictionary<string, object?> values)
    {
        if (chart.Schema is { } schema)
        {
            yield return SchemaValidation.ChartFindings(chart.Name, schema, values);
        }
        foreach (var sub in chart.Dependencies)
        {
            var subValues = values.GetValueOrDefault(sub.Name) as IReadOnlyDictionary<string, object?>
                ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var finding in SchemaFindings(sub, subValues))
            {
                yield return finding;
            }
        }
    }

    private static SortedDictionary<string, string> RenderTemplates(LoadedChart chart, Dictionary<string, object?> values, RenderOptions options)
    {
        var templates = new Dictionary<string, ChartTemplate>(StringComparer.Ordinal);
        Collect(chart, RenderObjects.Top(chart, values, options), templates);
        var texts = templates.ToDictionary(t => t.Key, t => t.Value.Text, StringComparer.Ordinal);
        var set = options.Cache is { } cache
            ? cache.GetOrParse(chart, texts, options.Deterministic, () => Parse(texts, options.Deterministic))
            : Parse(texts, options.Deterministic);
        using var time = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken);
        time.CancelAfter(options.Timeout);
        long written = 0;
        var rendered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ParseOrder(templates.Keys))
        {
            if (name[(name.LastIndexOf('/') + 1)..].StartsWith('_'))
            {
                continue;
            }
            var (_, objects, basePath) = templates[name];
            objects["Template"] = RenderObjects.Template(name, basePath);
            try
            {
                rendered[name] = set.Execute(name, objects, Limits, time.Token).Replace("<no value>", "", StringComparison.Ordinal);
            }
            catch (TemplateExecutionException e)
            {
                throw new RenderException(HelmErrorText.Execution(name, e), e);
            }
            catch (OperationCanceledException) when (!options.CancellationToken.IsCancellationRequested)
            {
                throw new RenderException($"rendering {name} took longer than the limit of {options.Timeout.TotalSeconds:0.#} s");
            }
            written += rendered[name].Length;
            if (written > Limits.MaxOutputBytes)
            {
                throw new RenderException($"the rendered templates are larger than the limit of {Limits.MaxOutputBytes / 1024 / 1024} MiB");
            }
        }
        return rendered;
    }

    // Every chart's templates under its full path, with the objects they run with; a library chart gives only its partials.
    private static void Collect(
        LoadedChart chart,
        Dictionary<string, object?> objects,
        Dictionary<string, ChartTemplate> templates)
    {
        var subcharts = (Dictionary<string, object?>)objects["Subcharts"]!;
        foreach (var sub in chart.Dependencies)
        {
            Collect(sub, (Dictionary<string, object?>)subcharts[sub.Name]!, templates);
        }
        var basePath = chart.FullPath + "/templates";
        foreach (var (path, text) in chart.Templates)
        {
            if (chart.IsLibrary && !path[(path.LastIndexOf('/') + 1)..].StartsWith('_'))
            {
                continue;
            }
            templates[chart.FullPath + "/" + path] = new ChartTemplate(text, objects, basePath);
        }
    }

    private static TemplateSet Parse(IReadOnlyDictionary<string, string> templates, bool deterministic)
    {
        var set = new TemplateSet(functions: HelmFunctions.Create(deterministic)).Option("missingkey=zero");
        foreach (var name in ParseOrder(templates.Keys))
        {
            try
            {
                set.Parse(name, templates[name]);
            }
            catch (TemplateParseException e)
            {
                throw new RenderException(HelmErrorText.Parse(name, e), e);
            }
        }
        return set;
    }

    // A template's text, the objects of its chart it runs with, and its chart's templates folder (.Template.BasePath).
    private sealed record ChartTemplate(string Text, Dictionary<string, object?> Objects, string BasePath);

    /// <summary>Deeper paths first, reverse lexical order within a depth, so a chart's own definitions win.</summary>
    internal static IEnumerable<string> ParseOrder(IEnumerable<string> names) => names
        .OrderByDescending(n => n.Count(c => c == '/'))
        .ThenByDescending(n => n, StringComparer.Ordinal);
}
