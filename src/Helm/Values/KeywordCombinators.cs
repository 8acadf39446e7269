using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// <c>allOf</c>, <c>anyOf</c>, <c>oneOf</c> and <c>not</c> whose branches use keywords the schema library does not check
/// (<c>if</c>/<c>then</c>/<c>else</c>, <c>dependencies</c>, <c>propertyNames</c>, at any depth, through local
/// <c>$ref</c>s). The library would count such a branch valid whatever the values are, so these combinations are hidden
/// from it (renamed) and decided by <see cref="Rendering.SchemaKeywords"/>, which checks both the library's keywords and
/// its own in each branch.
/// </summary>
public static class KeywordCombinators
{
    public static readonly string[] Names = ["allOf", "anyOf", "oneOf", "not"];

    private const string HiddenPrefix = "x-gitopshq-hidden-";

    /// <summary>True when the combination <paramref name="keyword"/> of <paramref name="node"/> needs the keywords' own check.</summary>
    public static bool NeedsOwnCheck(JToken root, JObject node, string keyword) =>
        node[keyword] is { } branches && UsesOwnKeywords(root, branches, new HashSet<JToken>(ReferenceEqualityComparer.Instance), 0);

    /// <summary>Renames, in place, every combination that needs the keywords' own check; true when one was renamed.</summary>
    public static bool Hide(JToken root)
    {
        // Decided on the schema as written, then renamed, so a combination nested in another is seen by both.
        var hidden = new List<(JObject Node, string Keyword)>();
        Collect(root, root, hidden, new HashSet<JToken>(ReferenceEqualityComparer.Instance), 0);
        foreach (var (node, keyword) in hidden)
        {
            var branches = node[keyword]!;
            node.Remove(keyword);
            node[HiddenPrefix + keyword] = branches;
        }

        return hidden.Count > 0;
    }

    private static void Collect(JToken root, JToken token, List<(JObject, string)> hidden, HashSet<JToken> seen, int depth)
    {
        if (token is not JObject node || depth > 200 || !seen.Add(node))
        {
            return;
        }

        hidden.AddRange(Names.Where(keyword => NeedsOwnCheck(root, node, keyword)).Select(keyword => (node, keyword)));
        foreach (var child in SchemaPointer.Children(node))
        {
            Collect(root, child, hidden, seen, depth + 1);
        }
    }

    private static bool UsesOwnKeywords(JToken root, JToken token, HashSet<JToken> seen, int depth)
    {
        if (depth > 200)
        {
            return false;
        }

        if (token is JArray list)
        {
            return list.Any(item => UsesOwnKeywords(root, item, seen, depth + 1));
        }

        if (token is not JObject node || !seen.Add(node))
        {
            return false;
        }

        if ((node["if"] is not null && (node["then"] is not null || node["else"] is not null))
            || node["dependencies"] is JObject || node["propertyNames"] is JObject)
        {
            return true;
        }

        if (node["$ref"] is JValue { Type: JTokenType.String } reference && SchemaPointer.Resolve(root, (string)reference!) is { } target
            && UsesOwnKeywords(root, target, seen, depth + 1))
        {
            return true;
        }

        return SchemaPointer.Children(node).Any(child => UsesOwnKeywords(root, child, seen, depth + 1));
    }
}
