using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// Checks that values.schema.json is a JSON Schema (draft-07) and not just JSON: every keyword
/// Helm's validator relies on has the type the specification requires, patterns are regular
/// expressions and references stay inside the file.
/// </summary>
internal sealed class SchemaShape(string file, SchemaProblems report)
{
    private static readonly HashSet<string> TypeNames = ["null", "boolean", "object", "array", "number", "string", "integer"];
    private static readonly string[] SchemaMaps = ["properties", "patternProperties", "definitions", "$defs"];
    private static readonly string[] SingleSchemas = ["additionalProperties", "additionalItems", "contains", "propertyNames", "not", "if", "then", "else"];
    private static readonly string[] SchemaLists = ["allOf", "anyOf", "oneOf"];
    private static readonly string[] Numbers = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"];
    private static readonly string[] Counts = ["minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties"];
    private static readonly string[] Texts = ["$id", "$schema", "title", "description", "format", "$comment"];

    private int _errors;

    /// <summary>True when the document has the shape of a JSON Schema (problems are reported).</summary>
    public bool Check(JToken schema)
    {
        Schema(schema, "#");
        return _errors == 0;
    }

    private void Schema(JToken node, string at)
    {
        if (node.Type == JTokenType.Boolean)
        {
            return;
        }

        if (node is not JObject schema)
        {
            Fail(node, at, "a schema must be an object (or true/false)");
            return;
        }

        Type(schema, at);
        foreach (var key in SchemaMaps)
        {
            Each(schema, key, at, (name, value, path) => Schema(value, path));
        }

        foreach (var key in SingleSchemas)
        {
            if (schema[key] is { } value)
            {
                Schema(value, $"{at}/{key}");
            }
        }

        Items(schema, at);
        foreach (var key in SchemaLists)
        {
            SchemaList(schema, key, at);
        }

        Keywords(schema, at);
        Each(schema, "patternProperties", at, (name, value, path) => Pattern(value, path, name));
        Each(schema, "dependencies", at, (name, value, path) =>
        {
            if (value.Type != JTokenType.Array)
            {
                Schema(value, path);
            }
            else if (value.Any(item => item.Type != JTokenType.String))
            {
                Fail(value, path, "dependencies must list property names (strings)");
            }
        });
    }

    private void Type(JObject schema, string at)
    {
        switch (schema["type"])
        {
            case null:
                return;
            case JValue { Type: JTokenType.String } single when TypeNames.Contains((string)single!):
                return;
            case JArray many when many.Count > 0 && many.All(t => t.Type == JTokenType.String && TypeNames.Contains((string)t!)):
                return;
            case var other:
                Fail(other, $"{at}/type", $"type must be one of {string.Join(", ", TypeNames)} (or a list of them), not {other.ToString(Formatting.None)}");
                return;
        }
    }

    private void Items(JObject schema, string at)
    {
        switch (schema["items"])
        {
            case JArray tuple:
                for (var i = 0; i < tuple.Count; i++)
                {
                    Schema(tuple[i], $"{at}/items/{i}");
                }

                break;
            case { } single:
                Schema(single, $"{at}/items");
                break;
        }
    }

    private void SchemaList(JObject schema, string key, string at)
    {
        if (schema[key] is not { } value)
        {
            return;
        }

        if (value is not JArray { Count: > 0 } list)
        {
            Fail(value, $"{at}/{key}", $"{key} must be a non-empty list of schemas");
            return;
        }

        for (var i = 0; i < list.Count; i++)
        {
            Schema(list[i], $"{at}/{key}/{i}");
        }
    }

    private void Keywords(JObject schema, string at)
    {
        foreach (var key in Numbers)
        {
            Require(schema, key, at, t => t.Type is JTokenType.Integer or JTokenType.Float, "a number");
        }

        foreach (var key in Counts)
        {
            Require(schema, key, at, t => t.Type == JTokenType.Integer && IsNonNegative((JValue)t), "a non-negative integer");
        }

        foreach (var key in Texts)
        {
            Require(schema, key, at, t => t.Type == JTokenType.String, "a string");
        }

        Require(schema, "multipleOf", at, t => t.Type is JTokenType.Integer or JTokenType.Float && (double)t > 0, "a number above 0");
        Require(schema, "uniqueItems", at, t => t.Type == JTokenType.Boolean, "true or false");
        Require(schema, "enum", at, t => t.Type == JTokenType.Array, "a list of allowed values");
        Require(schema, "required", at, t => t is JArray list && list.All(item => item.Type == JTokenType.String), "a list of property names");
        if (schema["pattern"] is { } pattern)
        {
            Pattern(pattern, $"{at}/pattern", pattern.Type == JTokenType.String ? (string)pattern! : null);
        }

        if (schema["$ref"] is { } reference)
        {
            Require(schema, "$ref", at, t => t.Type == JTokenType.String && ((string)t!).StartsWith('#'),
                "a reference inside this file (\"#/definitions/...\"); other files and URLs are not fetched");
        }
    }

    private void Pattern(JToken node, string at, string? pattern)
    {
        if (pattern is null)
        {
            Fail(node, at, "a pattern must be a string");
            return;
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException error)
        {
            Fail(node, at, $"'{pattern}' is not a regular expression: {error.Message}");
        }
    }

    private void Require(JObject schema, string key, string at, Func<JToken, bool> test, string expected)
    {
        if (schema[key] is { } value && !test(value))
        {
            Fail(value, $"{at}/{key}", $"{key} must be {expected}");
        }
    }

    private void Each(JObject schema, string key, string at, Action<string, JToken, string> check)
    {
        switch (schema[key])
        {
            case null:
                return;
            case JObject map:
                foreach (var property in map.Properties())
                {
                    check(property.Name, property.Value, $"{at}/{key}/{property.Name}");
                }

                return;
            case var other:
                Fail(other, $"{at}/{key}", $"{key} must be an object");
                return;
        }
    }

    private void Fail(JToken node, string at, string message)
    {
        _errors++;
        var line = node as IJsonLineInfo;
        report.Error(file, $"{file} is not a valid JSON Schema at {at}: {message}.", line?.LineNumber ?? 0, line?.LinePosition ?? 0);
    }

    // An integer keyword's value may be beyond 64 bits (Newtonsoft gives a BigInteger then): its sign is what counts.
    private static bool IsNonNegative(JValue value) =>
        value.Value is System.Numerics.BigInteger big ? big.Sign >= 0 : System.Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture) >= 0;
}
