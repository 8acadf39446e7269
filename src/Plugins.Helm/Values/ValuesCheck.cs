using GitOpsHQ.GoYaml;
using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using Newtonsoft.Json.Linq;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Values;

/// <summary>
/// Checks values.yaml (a YAML map, empty allowed) and values.schema.json (a JSON Schema the
/// default values satisfy). Both files are optional; without values.yaml the values are empty.
/// </summary>
internal static class ValuesCheck
{
    private const string ValuesFile = ChartLayout.ValuesFile;

    public static async Task Run(FileSet files, ValidationReport report, CancellationToken cancellationToken)
    {
        var values = ReadValues(files, report);
        if (!files.Contains(ChartLayout.ValuesSchemaFile))
        {
            return;
        }

        var problems = new SchemaProblems();
        var schema = await ValuesSchema.Load(files, problems, cancellationToken);
        foreach (var problem in problems.All)
        {
            report.Error(problem.File, problem.Message, problem.Line, problem.Column);
        }

        if (schema is null || values is null)
        {
            return;
        }

        foreach (var error in schema.Validate(values.Value.Json))
        {
            var at = values.Value.Positions.TryGetValue(error.Path, out var mark) ? mark : default;
            var label = error.Path.Length == 0 ? "(top level)" : error.Path;
            report.Error(ValuesFile, at, $"{ValuesFile}: {label}: {error.Message}");
        }

        // Keywords the schema library does not check (const, dependencies, propertyNames, if/then/else), in Helm's words.
        foreach (var (field, message) in SchemaKeywords.Check(files.Text(ChartLayout.ValuesSchemaFile) ?? "", values.Value.Json))
        {
            var path = field == "(root)" ? "" : field;
            var at = values.Value.Positions.TryGetValue(path, out var mark) ? mark : default;
            report.Error(ValuesFile, at, $"{ValuesFile}: {(path.Length == 0 ? "(top level)" : path)}: {message}");
        }
    }

    /// <summary>The default values as JSON with their positions; null when values.yaml is unusable (reported).</summary>
    private static (JToken Json, ValuePositions Positions)? ReadValues(FileSet files, ValidationReport report)
    {
        if (!files.Contains(ValuesFile))
        {
            return (new JObject(), new ValuePositions(new Dictionary<string, Mark>()));
        }

        var yaml = YamlFile.Load(files, ValuesFile, report);
        if (yaml is null)
        {
            return null;
        }

        if (yaml.Documents.Count > 1)
        {
            report.Error(ValuesFile, yaml.Documents[1].RootNode, "values.yaml must hold a single YAML document.");
            return null;
        }

        var root = yaml.Roots.FirstOrDefault();
        if (root is null)
        {
            return (new JObject(), new ValuePositions(new Dictionary<string, Mark>()));
        }

        if (root is not YamlMappingNode)
        {
            report.Error(ValuesFile, root, $"values.yaml must be a map of values (key: value), not {root.Describe()}.");
            return null;
        }

        var converter = new ValuesJson();
        try
        {
            return (converter.Convert(root), new ValuePositions(converter.Positions));
        }
        catch (ValuesJsonException error)
        {
            report.Error(ValuesFile, error.At, $"values.yaml cannot be read as values: {error.Message}.");
            return null;
        }
    }
}
