using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The ten-character suffix kustomize appends to a generated name. It hashes (SHA-256) a compact
/// JSON object of the content: for a ConfigMap its binaryData (when not empty), data (an empty
/// string when there is none), kind and an empty name; for a Secret its data, kind, empty name
/// and type. Keys are sorted, strings escaped as Go's JSON encoder does. The first ten hex digits
/// are kept, with 0, 1, 3, a and e changed to g, h, k, m and t so no word or number can appear.
/// </summary>
internal static class NameHash
{
    public static string Of(MapNode content)
    {
        var json = new StringBuilder();
        var kind = content.Text("kind") ?? "";
        var fields = new SortedDictionary<string, Action>(StringComparer.Ordinal);
        if (kind == "ConfigMap" && content.Map("binaryData") is { Fields.Count: > 0 } binary)
        {
            fields["binaryData"] = () => GoJson.Map(json, binary);
        }

        fields["data"] = () =>
        {
            if (content.Map("data") is { } data)
            {
                GoJson.Map(json, data);
            }
            else
            {
                GoJson.String(json, "");
            }
        };
        fields["kind"] = () => GoJson.String(json, kind);
        fields["name"] = () => GoJson.String(json, "");
        if (kind == "Secret")
        {
            fields["type"] = () => GoJson.String(json, content.Text("type") ?? "");
        }

        GoJson.Object(json, fields);
        return Encode(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
    }

    /// <summary>The first ten hex digits of <paramref name="hash"/>, with the letters kustomize swaps in.</summary>
    public static string Encode(byte[] hash)
    {
        var hex = Convert.ToHexStringLower(hash)[..10];
        return string.Concat(hex.Select(c => c switch
        {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            _ => c,
        }));
    }

    /// <summary>The text a data value hashes as: strings as they are, other scalars as YAML writes them.</summary>
    public static string Text(Node value) => value switch
    {
        ScalarNode { Value: string text } => text,
        ScalarNode { Value: bool b } => b ? "true" : "false",
        ScalarNode { Value: null } => "",
        ScalarNode { Value: IFormattable number } => number.ToString(null, CultureInfo.InvariantCulture),
        _ => "",
    };
}
