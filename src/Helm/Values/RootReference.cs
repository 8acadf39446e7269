using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// A schema whose root is a "$ref" into its own definitions means the referenced schema. The
/// schema library cannot resolve such a root, so it is rewritten into the equivalent
/// <c>allOf: [{ "$ref": ... }]</c>, keeping the definitions it points into.
/// </summary>
internal static class RootReference
{
    private static readonly string[] Kept = ["$schema", "$id", "definitions", "$defs"];

    /// <summary>The rewritten schema text, or null when the root has no "$ref".</summary>
    public static string? Rewrite(JToken schema)
    {
        if (schema is not JObject root || root["$ref"] is not { } reference)
        {
            return null;
        }

        var rewritten = new JObject();
        foreach (var key in Kept)
        {
            if (root[key] is { } value)
            {
                rewritten[key] = value.DeepClone();
            }
        }

        rewritten["allOf"] = new JArray(new JObject { ["$ref"] = reference.DeepClone() });
        return rewritten.ToString(Formatting.None);
    }
}
