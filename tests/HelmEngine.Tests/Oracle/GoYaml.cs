using System.Globalization;
using System.Text.RegularExpressions;
using GitOpsHQ.Plugins.Helm.GoTemplate;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>
/// Reads values.yaml as Helm sees it: YAML 1.1 scalars (yes/no/on/off/y/n are booleans, 0755 is octal),
/// converted through JSON, so every number is a float64 and every map key a string.
/// </summary>
internal static partial class GoYaml
{
    public static Dictionary<string, object?> LoadMap(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return [];
        }
        return (Dictionary<string, object?>)Convert(root)!;
    }

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => ConvertMap(map),
        YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Resolve(scalar),
        _ => null,
    };

    private static Dictionary<string, object?> ConvertMap(YamlMappingNode map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            result[KeyText(Convert(key))] = Convert(value);
        }
        return result;
    }

    private static string KeyText(object? key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => GoFormat.Sprintf("%v", d),
        null => "null",
        _ => key.ToString()!,
    };

    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return text;
        }
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return true;
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return false;
        }
        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (Integer(plain) is { } integer)
        {
            return integer;
        }
        if (FloatSyntax().IsMatch(plain))
        {
            return double.Parse(plain, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return text;
    }

    // Integers as Go's strconv reads them with base 0 (0x.., 0o.., 0b.., leading 0 for octal).
    private static double? Integer(string s)
    {
        var negative = s.StartsWith('-');
        var body = s.TrimStart('-', '+');
        if (body.Length == 0 || (s.Length - body.Length) > 1)
        {
            return null;
        }
        var (digits, radix) = body switch
        {
            _ when body.StartsWith("0x", StringComparison.OrdinalIgnoreCase) => (body[2..], 16),
            _ when body.StartsWith("0o", StringComparison.OrdinalIgnoreCase) => (body[2..], 8),
            _ when body.StartsWith("0b", StringComparison.OrdinalIgnoreCase) => (body[2..], 2),
            _ when body.Length > 1 && body[0] == '0' => (body[1..], 8),
            _ => (body, 10),
        };
        if (digits.Length == 0)
        {
            return null;
        }
        var value = System.Numerics.BigInteger.Zero;
        foreach (var c in digits)
        {
            var d = char.IsAsciiDigit(c) ? c - '0' : char.IsAsciiLetter(c) ? char.ToLowerInvariant(c) - 'a' + 10 : 99;
            if (d >= radix)
            {
                return null;
            }
            value = (value * radix) + d;
        }
        if (value > ulong.MaxValue)
        {
            return null;
        }
        return negative ? -(double)value : (double)value;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatSyntax();
}
