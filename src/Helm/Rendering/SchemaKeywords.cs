using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Draft-07 keywords the schema library does not check, checked as Helm's validator (gojsonschema) checks them and
/// in its words: <c>const</c> beside an <c>enum</c> ("mode does not match: \"fast\""; any other const the library
/// checks, see <see cref="Values.ConstKeyword"/>), <c>dependencies</c> ("Has a dependency on cert"),
/// <c>propertyNames</c> ("Property name of \"Bad\" does not match" and the name's violations) and
/// <c>if</c>/<c>then</c>/<c>else</c> ("Must validate \"then\" as \"if\" was valid" and the violations). They are
/// followed through <c>properties</c>, <c>additionalProperties</c>, <c>items</c> and local <c>$ref</c>s, and into the
/// <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c>/<c>not</c> whose branches use them, which are decided here rather than by the
/// library (<see cref="Values.KeywordCombinators"/>). Where no branch of an anyOf or oneOf holds, the violations of
/// the branch with the fewest are listed; Helm's validator lists those of the branch it scored best, which is the
/// same one in most schemas.
/// </summary>
public static class SchemaKeywords
{
    private const string Root = "(root)";

    private const int MaxDepth = 64;

    /// <summary>The findings as (field, message), in schema order.</summary>
    public static List<(string Field, string Message)> Check(string schemaJson, JToken values)
    {
        var findings = new List<(string, string)>();
        JToken root;
        try
        {
            root = JToken.Parse(schemaJson);
        }
        catch (JsonException)
        {
            return findings;
        }
        Walk(root, root, values, Root, findings, 0);
        return findings;
    }

    /// <summary>The findings as (field, message), in schema order, for a schema already read (only read here).</summary>
    public static List<(string Field, string Message)> Check(JToken schema, JToken values)
    {
        var findings = new List<(string, string)>();
        Walk(schema, schema, values, Root, findings, 0);
        return findings;
    }

    private static void Walk(JToken root, JToken schemaToken, JToken value, string field, List<(string, string)> findings, int depth)
    {
        if (schemaToken is not JObject schema || depth > MaxDepth)
        {
            return;
        }
        if (schema["$ref"] is JValue { Type: JTokenType.String } reference)
        {
            // A reference replaces the schema it is in, as in draft-07.
            if (Values.SchemaPointer.Resolve(root, (string)reference!) is { } target)
            {
                Walk(root, target, value, field, findings, depth + 1);
            }
            return;
        }

        Combinations(root, schema, value, field, findings, depth);

        // A const beside an enum is left to this check (elsewhere the library checks it as an enum: ConstKeyword).
        if (schema["enum"] is not null && schema.TryGetValue("const", out var constant) && !JToken.DeepEquals(Normal(constant), Normal(value)))
        {
            findings.Add((field, $"{field} does not match: {constant.ToString(Formatting.None)}"));
        }

        if (value is JObject map)
        {
            if (schema["dependencies"] is JObject dependencies)
            {
                foreach (var (key, dependency) in dependencies)
                {
                    if (!map.ContainsKey(key))
                    {
                        continue;
                    }
                    if (dependency is JArray names)
                    {
                        foreach (var name in names.Values<string>().Where(n => n is not null && !map.ContainsKey(n)))
                        {
                            findings.Add((field, $"Has a dependency on {name}"));
                        }
                    }
                    else
                    {
                        findings.AddRange(All(root, dependency!, value, field, depth));
                    }
                }
            }
            if (schema["propertyNames"] is JObject propertyNames)
            {
                foreach (var (key, _) in map)
                {
                    var inner = All(root, propertyNames, new JValue(key), field, depth).Select(f => (field, f.Message)).ToList();
                    if (inner.Count > 0)
                    {
                        findings.Add((field, $"Property name of \"{key}\" does not match"));
                        findings.AddRange(inner);
                    }
                }
            }
        }

        if (schema["if"] is JToken condition && (schema["then"] is not null || schema["else"] is not null))
        {
            var holds = All(root, condition, value, field, depth).Count == 0;
            var (branch, wording) = holds
                ? (schema["then"], "Must validate \"then\" as \"if\" was valid")
                : (schema["else"], "Must validate \"else\" as \"if\" was not valid");
            if (branch is not null)
            {
                var inner = All(root, branch, value, field, depth);
                if (inner.Count > 0)
                {
                    findings.Add((field, wording));
                    findings.AddRange(inner);
                }
            }
        }

        if (value is JObject entries)
        {
            var properties = schema["properties"] as JObject;
            foreach (var (key, entry) in entries)
            {
                if (properties?[key] is { } property)
                {
                    Walk(root, property, entry!, Join(field, key), findings, depth + 1);
                }
                else if (schema["additionalProperties"] is JObject additional)
                {
                    Walk(root, additional, entry!, Join(field, key), findings, depth + 1);
                }
            }
        }
        else if (value is JArray items && schema["items"] is JObject itemSchema)
        {
            for (var i = 0; i < items.Count; i++)
            {
                Walk(root, itemSchema, items[i], Join(field, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), findings, depth + 1);
            }
        }
    }

    // The combinations hidden from the library (KeywordCombinators), in Helm's validator's words: allOf lists what
    // failed in each branch, then its line; anyOf and oneOf their line, then (when no branch holds) what failed in the
    // closest branch, the one with the fewest violations; not its line when the branch holds.
    private static void Combinations(JToken root, JObject schema, JToken value, string field, List<(string, string)> findings, int depth)
    {
        foreach (var keyword in Values.KeywordCombinators.Names)
        {
            if (!Values.KeywordCombinators.NeedsOwnCheck(root, schema, keyword))
            {
                continue;
            }

            if (keyword == "not")
            {
                if (All(root, schema["not"]!, value, field, depth).Count == 0)
                {
                    findings.Add((field, "Must not validate the schema (not)"));
                }

                continue;
            }

            if (schema[keyword] is not JArray branches)
            {
                continue;
            }

            var results = branches.Select(branch => All(root, branch, value, field, depth)).ToList();
            var valid = results.Count(r => r.Count == 0);
            switch (keyword)
            {
                case "allOf":
                    findings.AddRange(results.SelectMany(r => r));
                    if (valid != results.Count)
                    {
                        findings.Add((field, "Must validate all the schemas (allOf)"));
                    }

                    break;
                case "anyOf" when valid == 0:
                    findings.Add((field, "Must validate at least one schema (anyOf)"));
                    findings.AddRange(results.MinBy(r => r.Count) ?? []);
                    break;
                case "oneOf" when valid != 1:
                    findings.Add((field, "Must validate one and only one schema (oneOf)"));
                    if (valid == 0)
                    {
                        findings.AddRange(results.MinBy(r => r.Count) ?? []);
                    }

                    break;
            }
        }
    }

    // Every violation of a subschema: the library's and these keywords'.
    private static List<(string Field, string Message)> All(JToken root, JToken subschema, JToken value, string field, int depth)
    {
        var findings = Library(root, subschema, value, field);
        Walk(root, subschema, value, field, findings, depth + 1);
        return findings;
    }

    // The violations of a subschema the library can check, at the field, in Helm's words; none when it cannot be used.
    private static List<(string Field, string Message)> Library(JToken root, JToken subschema, JToken value, string field)
    {
        try
        {
            var document = (JObject)subschema.DeepClone();
            if (root is JObject rootObject)
            {
                foreach (var name in new[] { "definitions", "$defs" })
                {
                    if (rootObject[name] is { } definitions && document[name] is null)
                    {
                        document[name] = definitions.DeepClone();
                    }
                }
            }
            Values.ConstKeyword.Rewrite(document);
            Values.KeywordCombinators.Hide(document);
            var schema = JsonSchema.FromJsonAsync(document.ToString()).GetAwaiter().GetResult();
            // A detached copy, so the library names places from the value itself.
            return ValuesSchemaErrors(schema.Validate(value.DeepClone()), field);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or InvalidCastException or NotSupportedException)
        {
            return [];
        }
    }

    private static List<(string, string)> ValuesSchemaErrors(IEnumerable<ValidationError> errors, string field) =>
        SchemaValidation.InHelmsTerms(Values.ValuesSchema.Flatten(errors), false)
            .Select(error => (Field: Relative(error, field), Error: error))
            .Select(x => (x.Field, SchemaErrorWording.Of(x.Error, x.Field)))
            .ToList();

    private static string Relative(ValidationError error, string field)
    {
        var path = (error.Path ?? "").TrimStart('#').TrimStart('/').Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        if (error.Kind is ValidationErrorKind.PropertyRequired or ValidationErrorKind.NoAdditionalPropertiesAllowed
            && error.Property is { Length: > 0 } property)
        {
            path = path == property ? "" : path.EndsWith("." + property, StringComparison.Ordinal) ? path[..^(property.Length + 1)] : path;
        }
        return path.Length == 0 ? field : Join(field, path.TrimStart('.'));
    }

    // Whole numbers compare equal however they were written (3 and 3.0).
    private static JToken Normal(JToken token) => token is JValue { Type: JTokenType.Float } number && (double)number! % 1 == 0
        ? new JValue((long)(double)number!)
        : token;

    private static string Join(string field, string key) => field == Root ? key : field + "." + key;
}
