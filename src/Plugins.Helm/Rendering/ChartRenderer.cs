using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.GoTemplate;
using GitOpsHQ.Plugins.Helm.GoTemplate.Values;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Renders a chart as <c>helm template</c> prints it. Charts with subcharts are not supported yet.
/// Failures throw <see cref="RenderException"/> with Helm's wording.
/// </summary>
public static class ChartRenderer
{

    public static string Render(IEnumerable<ArtifactFile> files, RenderOptions options) =>
        ManifestOutput.Write(RenderTemplates(files, options));

    /// <summary>Each template's rendered text by chart path (partials left out, NOTES.txt included).</summary>
    public static IReadOnlyDictionary<string, string> RenderTemplates(IEnumerable<ArtifactFile> files, RenderOptions options)
    {
        var chart = ChartLoader.Load(files);
        if (chart.IsLibrary)
        {
            throw new RenderException("library charts are not installable");
        }
        var userValues = ValuesCoalescing.MergeUserValues(
            options.ValuesFiles.Select((text, i) => GoValuesYaml.ReadMap(text, $"values file {i + 1}")));
        SetValues.Apply(userValues, options.Overrides);
        var values = ValuesCoalescing.Coalesce(chart.Values, userValues);
        SchemaValidation.Check(chart, values);
        var top = RenderObjects.Top(chart, values, options);
        var templates = Parse(chart);
        var rendered = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ParseOrder(chart.Templates.Keys))
        {
            if (name[(name.LastIndexOf('/') + 1)..].StartsWith('_'))
            {
                continue;
            }
            top["Template"] = RenderObjects.Template(name, chart.Name + "/templates");
            try
            {
                rendered[name] = templates.Execute(name, top).Replace("<no value>", "", StringComparison.Ordinal);
            }
            catch (TemplateExecutionException e)
            {
                throw new RenderException(HelmErrorText.Execution(name, e), e);
            }
        }
        return rendered;
    }

    private static TemplateSet Parse(LoadedChart chart)
    {
        var set = new TemplateSet(functions: HelmFunctions.Create()).Option("missingkey=zero");
        foreach (var name in ParseOrder(chart.Templates.Keys))
        {
            try
            {
                set.Parse(name, chart.Templates[name]);
            }
            catch (TemplateParseException e)
            {
                throw new RenderException(HelmErrorText.Parse(name, e), e);
            }
        }
        return set;
    }

    /// <summary>Deeper paths first, reverse lexical order within a depth, so a chart's own definitions win.</summary>
    internal static IEnumerable<string> ParseOrder(IEnumerable<string> names) => names
        .OrderByDescending(n => n.Count(c => c == '/'))
        .ThenByDescending(n => n, StringComparer.Ordinal);
}
