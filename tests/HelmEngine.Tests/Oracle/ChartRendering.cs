using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>
/// Renders a one-chart directory with the engine the way Helm drives text/template: every file under
/// templates/ parsed into one set with Sprig's and Helm's functions (deeper paths first, reverse lexical order within a depth), missingkey=zero,
/// each non-partial template executed, and <c>&lt;no value&gt;</c> removed from the output. A chart holding the
/// <see cref="DeterministicMarker"/> file is rendered with Sprig's deterministic stand-ins.
/// </summary>
internal static class ChartRendering
{
    /// <summary>A file of this name in a chart directory renders it in Sprig's deterministic mode, on both sides.</summary>
    public const string DeterministicMarker = "deterministic";

    public static bool IsDeterministic(string chartDirectory) => File.Exists(Path.Combine(chartDirectory, DeterministicMarker));

    public static SortedDictionary<string, string> Render(string chartDirectory)
    {
        var chart = GoValuesYaml.ReadMap(File.ReadAllText(Path.Combine(chartDirectory, "Chart.yaml")), "Chart.yaml");
        var chartName = (string)chart["name"]!;
        var valuesFile = Path.Combine(chartDirectory, "values.yaml");
        var values = File.Exists(valuesFile) ? GoValuesYaml.ReadMap(File.ReadAllText(valuesFile), "values.yaml") : [];
        var templatesDirectory = Path.Combine(chartDirectory, "templates");
        var templates = Directory.EnumerateFiles(templatesDirectory, "*", SearchOption.AllDirectories)
            .ToDictionary(
                f => chartName + "/templates/" + Path.GetRelativePath(templatesDirectory, f).Replace('\\', '/'),
                File.ReadAllText);

        var set = new TemplateSet(functions: HelmFunctions.Create(IsDeterministic(chartDirectory))).Option("missingkey=zero");
        foreach (var name in ParseOrder(templates.Keys))
        {
            set.Parse(name, templates[name]);
        }

        var top = new Dictionary<string, object?>
        {
            ["Values"] = values,
            ["Release"] = new Dictionary<string, object?>
            {
                ["Name"] = "release-name",
                ["Namespace"] = "default",
                ["IsUpgrade"] = false,
                ["IsInstall"] = true,
                ["Revision"] = (nint)1,
                ["Service"] = "Helm",
            },
            ["Chart"] = ChartObject(chart),
        };
        var output = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in ParseOrder(templates.Keys))
        {
            if (Path.GetFileName(name).StartsWith('_'))
            {
                continue;
            }
            top["Template"] = new Dictionary<string, object?> { ["Name"] = name, ["BasePath"] = chartName + "/templates" };
            output[name] = set.Execute(name, top).Replace("<no value>", "", StringComparison.Ordinal);
        }
        return output;
    }

    /// <summary>Deeper paths first; within a depth, reverse lexical order, so a chart's own definitions win.</summary>
    public static IEnumerable<string> ParseOrder(IEnumerable<string> names) => names
        .OrderByDescending(n => n.Count(c => c == '/'))
        .ThenByDescending(n => n, GoOrder.Strings);

    private static GoStruct ChartObject(Dictionary<string, object?> chart)
    {
        string Text(string key) => chart.GetValueOrDefault(key) as string ?? "";
        return new GoStruct("main.ChartObject")
            .Field("Name", Text("name"))
            .Field("Version", Text("version"))
            .Field("AppVersion", Text("appVersion"))
            .Field("APIVersion", Text("apiVersion"))
            .Field("Description", Text("description"))
            .Field("Type", Text("type"))
            .Field("IsRoot", true);
    }
}
