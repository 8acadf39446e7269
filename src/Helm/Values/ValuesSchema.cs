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
            var pointed = LocalPointers.Rewrite(json.Value.Token);
            var token = pointed ?? json.Value.Token.DeepClone();
            var rewritten = ConstKeyword.Rewrite(token);
            rewritten |= KeywordCombinators.Hide(token);
            if (!rewritten && pointed is null)
            {
                token = null; // nothing rewritten: the file's own text is loaded
            }

            var text = RootReference.Rewrite(token ?? json.Value.Token) ?? token?.ToString(Newtonsoft.Json.Formatting.None) ?? json.Value.Text;
            var schema = await JsonSchema.FromJsonAsync(text, null, root => new LocalReferenceResolver(root), cancellationToken);
            RequireResolvableReferences(schema);
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

    /// <summary>
    /// Follows every subschema's <c>$ref</c> chain once, so a chain that leads back to itself (<c>{"$ref": "#"}</c> at the
    /// root, two definitions naming each other) is refused when the schema is loaded, not when some value first reaches
    /// it: the schema library throws "Cyclic references detected" there.
    /// </summary>
    private static void RequireResolvableReferences(JsonSchema root)
    {
        var seen = new HashSet<JsonSchema>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<JsonSchema>([root]);
        while (pending.TryPop(out var schema))
        {
            if (!seen.Add(schema))
            {
                continue;
            }
            foreach (var child in Subschemas(schema).Concat(Subschemas(schema.ActualSchema)))
            {
                pending.Push(child);
            }
        }
    }

    private static IEnumerable<JsonSchema> Subschemas(JsonSchema schema) =>
        new[] { schema.Item, schema.Not, schema.AdditionalPropertiesSchema, schema.AdditionalItemsSchema, schema.DictionaryKey }
            .Concat(schema.Items).Concat(schema.AllOf).Concat(schema.AnyOf).Concat(schema.OneOf)
            .Concat(schema.Properties.Values).Concat(schema.PatternProperties.Values).Concat(schema.Definitions.Values)
            .OfType<JsonSchema>();

    /// <summary>Each violation, as (value path, message); nested violations are listed one by one.</summary>
    public IEnumerable<(string Path, string Message)> Validate(JToken values) =>
        Violations(values).Select(error => (PathOf(error), SchemaErrorText.Of(error)));

    /// <summary>Each violation as the schema library reports it, nested violations listed one by one.</summary>
    public IEnumerable<ValidationError> Violations(JToken values) => Flatten(_schema.Validate(values));

    private static readonly ValidationErrorKind[] TypeKinds =
    [
        ValidationErrorKind.StringExpected, ValidationErrorKind.NumberExpected, ValidationErrorKind.IntegerExpected,
        ValidationErrorKind.BooleanExpected, ValidationErrorKind.ObjectExpected, ValidationErrorKind.ArrayExpected,
        ValidationErrorKind.NullExpected, ValidationErrorKind.NoTypeValidates,
    ];

    /// <summary>
    /// The violations, those inside list items and extra entries listed one by one in their place. A value of the wrong
    /// type is reported for its type only, as Helm's validator stops checking a schema at a type it does not meet:
    /// <c>null</c> for <c>{"type": "string", "enum": ["a"]}</c> is "Invalid type", not also "must be one of".
    /// </summary>
    internal static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        var all = FlattenAll(errors).ToList();
        var mistyped = all.Where(e => TypeKinds.Contains(e.Kind) && e.Schema is not null)
            .Select(e => (e.Schema, ValuePath(e))).ToHashSet();
        return mistyped.Count == 0
            ? all
            : all.Where(e => TypeKinds.Contains(e.Kind) || e.Schema is null || !mistyped.Contains((e.Schema, ValuePath(e)))).ToList();
    }

    // The path of the value the schema was checked against (a missing property is reported at its own path).
    private static string? ValuePath(ValidationError error)
    {
        var path = error.Path;
        if (error.Kind == ValidationErrorKind.PropertyRequired && path is not null && error.Property is { Length: > 0 } property)
        {
            foreach (var separator in new[] { ".", "/" })
            {
                if (path.EndsWith(separator + property, StringComparison.Ordinal))
                {
                    return path[..^(property.Length + 1)];
                }
            }
        }

        return path;
    }

    private static IEnumerable<ValidationError> FlattenAll(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError { Errors.Count: > 0 } parent && Containers.Contains(error.Kind))
            {
                foreach (var inner in FlattenAll(parent.Errors.Values.SelectMany(list => list)))
                {
                    yield return inner;
                }
            }
            else if (error is MultiTypeValidationError multi && OfValuesType(multi) is { Count: > 0 } own)
            {
                // {"type": ["string", "null"], "pattern": …} and a string that misses the pattern: the value has one of
                // the types, so what it breaks is that type's rules, not the type.
                foreach (var inner in FlattenAll(own))
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

    // The violations under the type the value has, when the schema allows that type (an integer also counts as a number).
    private static ICollection<ValidationError>? OfValuesType(MultiTypeValidationError multi)
    {
        JsonObjectType[] types = multi.Token?.Type switch
        {
            JTokenType.String => [JsonObjectType.String],
            JTokenType.Integer => [JsonObjectType.Integer, JsonObjectType.Number],
            JTokenType.Float => [JsonObjectType.Number],
            JTokenType.Boolean => [JsonObjectType.Boolean],
            JTokenType.Object => [JsonObjectType.Object],
            JTokenType.Array => [JsonObjectType.Array],
            JTokenType.Null or null => [JsonObjectType.Null],
            _ => [],
        };
        return types.Select(type => multi.Errors.TryGetValue(type, out var errors) ? errors : null).FirstOrDefault(errors => errors is not null);
    }

    private static string PathOf(ValidationError error)
    {
        var path = error.Path ?? "";
        return path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
    }
}
