using System.Globalization;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// What an untagged plain scalar means when kustomize reads it (the rules of its YAML reader): only
/// true/false are booleans, 0777 is octal, '_' separates digits, and timestamps become the
/// RFC 3339 strings kustomize prints.
/// </summary>
internal static partial class PlainScalar
{
    public static ScalarNode Resolve(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return ScalarNode.Null;
            case "true" or "True" or "TRUE":
                return new ScalarNode(true);
            case "false" or "False" or "FALSE":
                return new ScalarNode(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF"
                or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                throw new KustomizeBuildException($"json: unsupported value: {text} (infinity and NaN cannot be written as JSON)");
        }

        return text[0] switch
        {
            '.' => DotFloat().IsMatch(text) && Float(text) is { } f ? new ScalarNode(f) : ScalarNode.Of(text),
            '+' or '-' or (>= '0' and <= '9') => Number(text),
            _ => ScalarNode.Of(text),
        };
    }

    private static ScalarNode Number(string text)
    {
        if (Timestamp.Parse(text) is { } timestamp)
        {
            return ScalarNode.Of(timestamp);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (GoInteger.Parse(plain) is { } integer)
        {
            return new ScalarNode(integer);
        }

        return ImplicitTypes.YamlFloat().IsMatch(plain) && Float(plain) is { } number ? new ScalarNode(number) : ScalarNode.Of(text);
    }

    private static double? Float(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DotFloat();
}
