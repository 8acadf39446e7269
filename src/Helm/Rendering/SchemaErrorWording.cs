using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;
using GitOpsHQ.Helm.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// A schema violation in Helm's words (its JSON Schema validator's English texts): "Invalid type. Expected:
/// integer, given: string", "image is required", "Additional property x is not allowed", … Kinds Helm's validator
/// has no text for fall back to the product's own wording.
/// </summary>
internal static class SchemaErrorWording
{
    // The order multiple types are listed in ("[string,null]"); Helm lists them as the schema does.
    private static readonly (JsonObjectType Type, string Name)[] TypeNames =
    [
        (JsonObjectType.String, "string"), (JsonObjectType.Number, "number"), (JsonObjectType.Integer, "integer"),
        (JsonObjectType.Boolean, "boolean"), (JsonObjectType.Object, "object"), (JsonObjectType.Array, "array"),
        (JsonObjectType.Null, "null"),
    ];

    /// <summary>The message for a violation at <paramref name="field"/> (Helm's field name, "(root)" at the top).</summary>
    public static string Of(ValidationError error, string field)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected or ValidationErrorKind.NoTypeValidates =>
                $"Invalid type. Expected: {Expected(schema)}, given: {Given(error.Token)}",
            ValidationErrorKind.PropertyRequired => $"{error.Property} is required",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"Additional property {error.Property} is not allowed",
            ValidationErrorKind.NotInEnumeration when schema?.ExtensionData?.TryGetValue(ConstKeyword.Marker, out var constant) == true =>
                $"{field} does not match: {constant}",
            ValidationErrorKind.NotInEnumeration =>
                $"{field} must be one of the following: {string.Join(", ", schema?.Enumeration.Select(Json) ?? [])}",
            ValidationErrorKind.PatternMismatch => $"Does not match pattern '{schema?.Pattern}'",
            ValidationErrorKind.StringTooShort => $"String length must be greater than or equal to {schema?.MinLength}",
            ValidationErrorKind.StringTooLong => $"String length must be less than or equal to {schema?.MaxLength}",
            ValidationErrorKind.NumberTooSmall => TooSmall(schema, error.Token),
            ValidationErrorKind.NumberTooBig or ValidationErrorKind.IntegerTooBig => TooBig(schema, error.Token),
            ValidationErrorKind.NumberNotMultipleOf or ValidationErrorKind.IntegerNotMultipleOf =>
                $"Must be a multiple of {Number(schema?.MultipleOf)}",
            ValidationErrorKind.TooFewItems => $"Array must have at least {schema?.MinItems} items",
            ValidationErrorKind.TooManyItems => $"Array must have at most {schema?.MaxItems} items",
            ValidationErrorKind.TooManyItemsInTuple => "No additional items allowed on array",
            ValidationErrorKind.ItemsNotUnique => NotUnique(error.Token),
            ValidationErrorKind.TooFewProperties => $"Must have at least {schema?.MinProperties} properties",
            ValidationErrorKind.TooManyProperties => $"Must have at most {schema?.MaxProperties} properties",
            ValidationErrorKind.NotAnyOf => "Must validate at least one schema (anyOf)",
            ValidationErrorKind.NotOneOf => "Must validate one and only one schema (oneOf)",
            ValidationErrorKind.NotAllOf => "Must validate all the schemas (allOf)",
            ValidationErrorKind.ExcludedSchemaValidates => "Must not validate the schema (not)",
            ValidationErrorKind.DateTimeExpected or ValidationErrorKind.DateExpected or ValidationErrorKind.TimeExpected
                or ValidationErrorKind.TimeSpanExpected or ValidationErrorKind.UriExpected or ValidationErrorKind.IpV4Expected
                or ValidationErrorKind.IpV6Expected or ValidationErrorKind.GuidExpected or ValidationErrorKind.UuidExpected
                or ValidationErrorKind.EmailExpected or ValidationErrorKind.HostnameExpected or ValidationErrorKind.Base64Expected =>
                $"Does not match format '{schema?.Format}'",
            _ => SchemaErrorText.Of(error),
        };
    }

    private static string Expected(JsonSchema? schema)
    {
        var types = TypeNames.Where(t => schema is not null && schema.Type.HasFlag(t.Type)).Select(t => t.Name).ToList();
        return types.Count switch
        {
            0 => "undefined",
            1 => types[0],
            _ => "[" + string.Join(",", types) + "]",
        };
    }

    // Whole numbers count as integers, as Helm's validator reads them.
    private static string Given(JToken? token) => token?.Type switch
    {
        JTokenType.String => "string",
        JTokenType.Integer => "integer",
        JTokenType.Float => (double)token! % 1 == 0 ? "integer" : "number",
        JTokenType.Boolean => "boolean",
        JTokenType.Array => "array",
        JTokenType.Object => "object",
        _ => "null",
    };

    private static string TooSmall(JsonSchema? schema, JToken? token)
    {
        var value = Value(token);
        if (schema?.ExclusiveMinimum is { } exclusive && (schema.Minimum is null || value <= exclusive))
        {
            return $"Must be greater than {Number(exclusive)}";
        }
        return schema?.IsExclusiveMinimum == true
            ? $"Must be greater than {Number(schema.Minimum)}"
            : $"Must be greater than or equal to {Number(schema?.Minimum)}";
    }

    private static string TooBig(JsonSchema? schema, JToken? token)
    {
        var value = Value(token);
        if (schema?.ExclusiveMaximum is { } exclusive && (schema.Maximum is null || value >= exclusive))
        {
            return $"Must be less than {Number(exclusive)}";
        }
        return schema?.IsExclusiveMaximum == true
            ? $"Must be less than {Number(schema.Maximum)}"
            : $"Must be less than or equal to {Number(schema?.Maximum)}";
    }

    private static decimal? Value(JToken? token)
    {
        try
        {
            return token?.Type is JTokenType.Integer or JTokenType.Float ? token.Value<decimal>() : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    // The first pair of equal items, as "array items[i,j] must be unique".
    private static string NotUnique(JToken? token)
    {
        if (token is JArray items)
        {
            for (var j = 1; j < items.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    if (JToken.DeepEquals(items[i], items[j]))
                    {
                        return $"array items[{i},{j}] must be unique";
                    }
                }
            }
        }
        return "array items must be unique";
    }

    private static string Number(decimal? value) =>
        value is { } v ? v.ToString("0.############################", CultureInfo.InvariantCulture) : "";

    private static string Json(object? value) => value switch
    {
        null => "null",
        JToken token => token.ToString(Formatting.None),
        _ => JToken.FromObject(value).ToString(Formatting.None),
    };
}
