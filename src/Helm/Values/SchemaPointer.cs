using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// A schema's own places: a local <c>$ref</c> as Helm's validator follows it, and the subschemas directly below a
/// schema node. The schema library, the keyword checker and the rewrites before loading all use these, so they agree
/// on what a reference names and where a subschema is.
/// </summary>
public static class SchemaPointer
{
    // Keywords whose value is a schema, a list of schemas, or a map of names to schemas.
    private static readonly string[] Single = ["not", "if", "then", "else", "items", "additionalItems", "additionalProperties", "propertyNames", "contains"];
    private static readonly string[] Lists = ["allOf", "anyOf", "oneOf", "items"];
    private static readonly string[] Maps = ["properties", "patternProperties", "definitions", "$defs", "dependencies"];

    /// <summary>
    /// The node a local reference names: "#" the root, "#/a/b" an RFC 6901 pointer inside a URI fragment
    /// (percent-decoded, then split on "/", with ~1 for "/" and ~0 for "~", list items by index); null for any other
    /// reference or one that names nothing.
    /// </summary>
    public static JToken? Resolve(JToken root, string reference)
    {
        if (reference == "#")
        {
            return root;
        }

        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return null;
        }

        var node = root;
        foreach (var raw in Uri.UnescapeDataString(reference[2..]).Split('/'))
        {
            var key = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node switch
            {
                JObject map => map.TryGetValue(key, out var child) ? child : null,
                JArray list when int.TryParse(key, out var index) && index >= 0 && index < list.Count => list[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The subschemas directly below a schema node (the values of dependencies too, lists of names among them).</summary>
    public static IEnumerable<JToken> Children(JObject node)
    {
        foreach (var keyword in Single)
        {
            if (node[keyword] is JObject child)
            {
                yield return child;
            }
        }

        foreach (var keyword in Lists)
        {
            if (node[keyword] is JArray list)
            {
                foreach (var item in list)
                {
                    yield return item;
                }
            }
        }

        foreach (var keyword in Maps)
        {
            if (node[keyword] is JObject map)
            {
                foreach (var (_, value) in map)
                {
                    yield return value!;
                }
            }
        }
    }
}
