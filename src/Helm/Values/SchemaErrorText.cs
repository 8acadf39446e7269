using System.Globalization;
using System.Text.RegularExpressions;
using NJsonSchema.Validation;

namespace GitOpsHQ.Helm.Values;

/// <summary>What a schema violation means, in words: "expected integer", "must be one of: a, b".</summary>
internal static partial class SchemaErrorText
{
    public static string Of(ValidationError error)
    {
        var schema = error.Schema;
        return error.Kind switch
        {
            ValidationErrorKind.StringExpected => "expected string",
            ValidationErrorKind.NumberExpected => "expected number",
            ValidationErrorKind.IntegerExpected => "expected integer",
            ValidationErrorKind.BooleanExpected => "expected boolean",
            ValidationErrorKind.ObjectExpected => "expected map",
            ValidationErrorKind.ArrayExpected => "expected list",
            ValidationErrorKind.NullExpected => "expected null",
            ValidationErrorKind.PropertyRequired => "required but missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "not allowed here (the schema lists the allowed keys)",
            // A const (checked as a one-value enum) keeps Helm's words, as the other draft-07 keywords do.
            ValidationErrorKind.NotInEnumeration when schema?.ExtensionData?.TryGetValue(ConstKeyword.Marker, out var constant) == true =>
                $"{Field(error)} does not match: {constant}",
            ValidationErrorKind.NotInEnumeration =>
                $"must be one of: {string.Join(", ", schema?.Enumeration.Select(v => v?.ToString() ?? "null") ?? [])}",
            ValidationErrorKind.PatternMismatch => $"does not match the pattern {schema?.Pattern}",
            ValidationErrorKind.StringTooShort => $"is shorter than {schema?.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"is longer than {schema?.MaxLength} characters",
            ValidationErrorKind.NumberTooSmall => $"is below the minimum {Number(schema?.Minimum ?? schema?.ExclusiveMinimum)}",
            ValidationErrorKind.NumberTooBig => $"is above the maximum {Number(schema?.Maximum ?? schema?.ExclusiveMaximum)}",
            ValidationErrorKind.TooFewItems => $"needs at least {schema?.MinItems} items",
            ValidationErrorKind.TooManyItems => $"allows at most {schema?.MaxItems} items",
            ValidationErrorKind.ItemsNotUnique => "items must be unique",
            ValidationErrorKind.NotAnyOf => "does not match any of the allowed schemas (anyOf)",
            ValidationErrorKind.NotOneOf => "must match exactly one of the schemas (oneOf)",
            ValidationErrorKind.NotAllOf => "does not match all of the schemas (allOf)",
            ValidationErrorKind.ExcludedSchemaValidates => "matches a schema it must not match (not)",
            ValidationErrorKind.NoTypeValidates when error is MultiTypeValidationError multi =>
                $"expected {string.Join(" or ", multi.Errors.Keys.Select(type => type.ToString().ToLowerInvariant()))}",
            _ => Words(error.Kind.ToString()),
        };
    }

    private static string Field(ValidationError error)
    {
        var path = (error.Path ?? "").TrimStart('#').TrimStart('/');
        return path.Length == 0 ? "(root)" : path;
    }

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    // "IpV4Expected" → "ip v4 expected": a readable fallback for kinds without their own text.
    private static string Words(string kind) => CapitalBoundary().Replace(kind, " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z])", RegexOptions.CultureInvariant)]
    private static partial Regex CapitalBoundary();
}
