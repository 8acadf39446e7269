using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Chart;
using GitOpsHQ.Plugins.Helm.Values;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Validation;
using Google.Protobuf;
using Newtonsoft.Json.Linq;
using NJsonSchema.Validation;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Checks a chart's final values (defaults, values files and flags coalesced) against its values.schema.json as
/// <c>helm template</c> does before rendering. Each chart with a schema is checked with its own values (a subchart
/// with its section of the parent's); all findings are reported together in Helm's words:
/// <code>
/// values don't meet the specifications of the schema(s) in the following chart(s):
/// mychart:
/// - (root): image is required
/// - replicas: Invalid type. Expected: integer, given: string
/// </code>
/// The schema is loaded as publishing loads it (<see cref="ValuesSchema"/>): references stay inside the file.
/// </summary>
public static class SchemaValidation
{
    public const string Heading = "values don't meet the specifications of the schema(s) in the following chart(s):";

    /// <summary>
    /// One chart's findings as Helm lists them (<c>"name:\n- field: message\n…"</c>), or "" when the values meet the
    /// schema. A schema that cannot be used gives <c>"name:\nunable to compile schema: reason"</c>.
    /// </summary>
    public static string ChartFindings(string chartName, string schemaJson, IReadOnlyDictionary<string, object?> values)
    {
        var lines = Findings(schemaJson, values);
        return lines.Count == 0 ? "" : $"{chartName}:\n{string.Concat(lines)}";
    }

    /// <summary>Throws Helm's error when any chart has findings (each from <see cref="ChartFindings"/>, in chart order).</summary>
    /// <exception cref="RenderException">At least one finding is not empty.</exception>
    public static void ThrowIfAny(IEnumerable<string> chartFindings)
    {
        var all = string.Concat(chartFindings);
        if (all.Length > 0)
        {
            throw new RenderException($"{Heading}\n{all}");
        }
    }

    /// <summary>Checks the chart's values when it has a schema (subcharts are checked by the caller that renders them).</summary>
    /// <exception cref="RenderException">The values do not meet the schema, or the schema cannot be used.</exception>
    internal static void Check(LoadedChart chart, IReadOnlyDictionary<string, object?> values)
    {
        if (chart.Schema is { } schema)
        {
            ThrowIfAny([ChartFindings(chart.Name, schema, values)]);
        }
    }

    private static List<string> Findings(string schemaJson, IReadOnlyDictionary<string, object?> values)
    {
        var report = new ValidationReport();
        var files = FileSet.From([new ArtifactFile { Path = ChartLayout.ValuesSchemaFile, Content = ByteString.CopyFromUtf8(schemaJson) }]);
        var schema = ValuesSchema.Load(files, report, CancellationToken.None).GetAwaiter().GetResult();
        if (schema is null)
        {
            var reason = report.Diagnostics.Select(d => d.Message).FirstOrDefault() ?? "the schema cannot be used";
            // Helm writes this reason as it is, without "- " or a final line break.
            return [$"unable to compile schema: {reason.ReplaceLineEndings(" ")}"];
        }
        try
        {
            return schema.Violations(ValuesJsonTree.Of(values))
                .Select(error => (Error: error, Field: Field(error)))
                .Select(x => $"- {x.Field}: {SchemaErrorWording.Of(x.Error, x.Field)}\n")
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The schema library fails on some inputs (a pattern that runs too long, …); Helm reports its own such failures so.
            return [$"unable to validate schema: {e.Message.ReplaceLineEndings(" ")}"];
        }
    }

    // Helm names the place of a violation with dots ("image.tag", "hosts.0"), "(root)" at the top; a missing or
    // unexpected property is reported at the map that has (or lacks) it.
    private static string Field(ValidationError error)
    {
        var path = Dotted(error.Path ?? "");
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { Length: > 0 } property)
        {
            path = path == property ? "" : path.EndsWith("." + property, StringComparison.Ordinal) ? path[..^(property.Length + 1)] : path;
        }
        return path.Length == 0 ? "(root)" : path;
    }

    // "#/list[1].name" → "list.1.name".
    private static string Dotted(string path)
    {
        var text = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        var result = new StringBuilder();
        foreach (var c in text)
        {
            switch (c)
            {
                case '[':
                    if (result.Length > 0)
                    {
                        result.Append('.');
                    }
                    break;
                case ']':
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }
        return result.ToString();
    }
}
