using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// Makes every local "$ref" of a schema one the schema library resolves. Helm's validator follows a JSON pointer to any
/// node of the document — into "$defs", into objects below "definitions" that are not schemas themselves
/// ("#/definitions/config/duration"), through keys escaped with ~0 and ~1 — so each such target is copied under
/// "definitions" with a name of its own and the reference pointed there. A pointer that names no node is left as it is.
/// </summary>
internal static class LocalPointers
{
    private const string Prefix = "gitopshq-ref-";

    /// <summary>A copy of the schema with its references rewritten, or null when it has none to rewrite.</summary>
    public static JToken? Rewrite(JToken schema)
    {
        if (schema is not JObject root)
        {
            return null;
        }

        var references = new List<JValue>();
        Collect(root, references);
        var targets = new Dictionary<string, (string Name, JToken Target)>(StringComparer.Ordinal);
        foreach (var pointer in references.Select(r => (string)r!).Distinct(StringComparer.Ordinal))
        {
            if (pointer.StartsWith("#/", StringComparison.Ordinal) && Resolve(root, pointer) is { } target)
            {
                targets[pointer] = (Prefix + targets.Count, target);
            }
        }

        if (targets.Count == 0)
        {
            return null;
        }

        var copies = targets.ToDictionary(t => t.Key, t => t.Value.Target.DeepClone(), StringComparer.Ordinal);
        var rewritten = (JObject)root.DeepClone();
        Point(rewritten, targets);
        foreach (var copy in copies.Values)
        {
            Point(copy, targets);
        }

        if (rewritten["definitions"] is not JObject definitions)
        {
            if (rewritten["definitions"] is not null)
            {
                return null;
            }

            definitions = new JObject();
            rewritten["definitions"] = definitions;
        }

        foreach (var (pointer, (name, _)) in targets)
        {
            definitions[name] = copies[pointer];
        }

        return rewritten;
    }

    private static void Collect(JToken token, List<JValue> references)
    {
        if (token is JObject map)
        {
            foreach (var property in map.Properties())
            {
                if (property.Name == "$ref" && property.Value is JValue { Type: JTokenType.String } reference)
                {
                    references.Add(reference);
                }
                else
                {
                    Collect(property.Value, references);
                }
            }
        }
        else if (token is JArray list)
        {
            foreach (var item in list)
            {
                Collect(item, references);
            }
        }
    }

    private static void Point(JToken token, Dictionary<string, (string Name, JToken Target)> targets)
    {
        if (token is JObject map)
        {
            foreach (var property in map.Properties().ToList())
            {
                if (property.Name == "$ref" && property.Value is JValue { Type: JTokenType.String } reference
                    && targets.TryGetValue((string)reference!, out var target))
                {
                    property.Value = "#/definitions/" + target.Name;
                }
                else
                {
                    Point(property.Value, targets);
                }
            }
        }
        else if (token is JArray list)
        {
            foreach (var item in list)
            {
                Point(item, targets);
            }
        }
    }

    // The node a pointer names, when it can stand where a schema does (an object, or true/false).
    private static JToken? Resolve(JToken root, string pointer) =>
        SchemaPointer.Resolve(root, pointer) is { } node and (JObject or JValue { Type: JTokenType.Boolean }) ? node : null;
}
