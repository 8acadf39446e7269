using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// Draft-06's <c>const</c>, which the schema library does not check, as the one-value <c>enum</c> it means, so that the
/// library decides it wherever it stands — inside <c>oneOf</c>, <c>anyOf</c>, <c>allOf</c> and <c>not</c> too, where a
/// branch told apart by a constant (<c>{"properties": {"mode": {"const": "fast"}}}</c>) is valid only for its value. Each
/// rewritten node is marked, so the violation keeps Helm's words ("mode does not match: \"fast\""). A node with an enum
/// of its own keeps both as they are.
/// </summary>
public static class ConstKeyword
{
    /// <summary>The extension keyword that holds the constant of a node rewritten into an enum.</summary>
    public const string Marker = "x-gitopshq-const";

    /// <summary>Rewrites the schema in place; true when some node was rewritten.</summary>
    public static bool Rewrite(JToken schema) => Rewrite(schema, 0);

    private static bool Rewrite(JToken token, int depth)
    {
        if (token is not JObject node || depth > 200)
        {
            return false;
        }

        var changed = false;
        if (node.TryGetValue("const", out var constant) && node["enum"] is null)
        {
            node["enum"] = new JArray(constant.DeepClone());
            node[Marker] = constant.ToString(Newtonsoft.Json.Formatting.None);
            node.Remove("const");
            changed = true;
        }

        foreach (var child in SchemaPointer.Children(node))
        {
            changed |= Rewrite(child, depth + 1);
        }

        return changed;
    }
}
