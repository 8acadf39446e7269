using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Files;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GitOpsHQ.Helm.Values;

/// <summary>A chart's values.schema.json, loaded and ready to check values against.</summary>
public sealed class ValuesSchema
{
    private static readonly ValidationErrorKind[] Containers =
    [
        ValidationErrorKind.ArrayItemNotValid,
        ValidationErrorKind.AdditionalItemNotValid,
        ValidationErrorKind.AdditionalPropertiesNotValid,
    ];

    private readonly JsonSchema _schema;

    private ValuesSchema(JsonSchema schema) => _schema = schema;

    /// <summary>The schema, or null when values.schema.json is not a usable JSON Schema (reported).</summary>
    public static async Task<ValuesSchema?> Load(FileSet files, SchemaProblems report, CancellationToken cancellationToken)
    {
        const string file = ChartLayout.ValuesSchemaFile;
        var json = SchemaJson.Read(files, file, report);
        if (json is null || !new SchemaShape(file, report).Check(json.Value.Token))
        {
            return null;
        }

        try
        {
            var token = LocalPointers.Rewrite(json.Value.Token);
            var text = RootReference.Rewrite(token ?? json.Value.Token) ?? token?.ToString(Newtonsoft.Json.Formatting.None) ?? json.Value.Text;
            var schema = await JsonSchema.FromJsonAsync(text, null, root => new LocalReferenceResolver(root), cancellationToken);
            return new ValuesSchema(schema);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception error)
        {
            // The schema library reports unusable schemas with many exception types.
            report.Error(file, $"{file} is not a usable JSON Schema: {error.Message}");
            return null;
        }
    }

    /// <summary>Each violation, as (value path, message); nested violations are listed one by one.</summary>
    public IEnumerable<(string Path, string Message)> Validate(JToken values) =>
        Violations(values).Select(error => (PathOf(error), SchemaErrorText.Of(error)));

    /// <summary>Each violation as the schema library reports it, nested violations listed one by one.</summary>
    public IEnumerable<ValidationError> Violations(JToken values) => Flatten(_schema.Validate(values));

    /// <summary>The violations, those inside list items and extra entries listed one by one in their place.</summary>
    internal static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Errors.Count: > 0 } parent && Containers.Contains(error.Kind))
            {
                foreach (var inner in Flatten(parent.Errors.Values.SelectMany(list => list)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string PathOf(ValidationError error)
    {
        var path = error.Path ?? "";
        return path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
    }
}
