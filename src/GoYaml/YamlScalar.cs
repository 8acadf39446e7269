using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// Resolves scalars the way Kubernetes tooling and Helm read YAML (YAML 1.1 rules): plain
/// <c>yes</c>/<c>on</c>/<c>true</c> are booleans, <c>~</c> and <c>null</c> are null, numbers may
/// contain '_' and use 0x/0o/0b prefixes. Quoted and block scalars are always strings.
/// </summary>
public static partial class YamlScalar
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    // Longer digit strings are read as floats, never as (slowly computed) huge integers.
    private const int MaxIntegerLength = 80;

    private static readonly HashSet<string> NullWords = ["", "~", "null", "Null", "NULL"];
    private static readonly HashSet<string> TrueWords = ["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"];
    private static readonly HashSet<string> FalseWords = ["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"];

    public static ScalarValue Resolve(YamlScalarNode node)
    {
        var text = node.Value ?? "";
        if (!node.Tag.IsEmpty)
        {
            return ResolveTagged(node.Tag.Value, text);
        }

        return node.Style is ScalarStyle.Plain or ScalarStyle.Any ? ResolvePlain(text) : ScalarValue.String(text);
    }

    /// <summary>Resolves the text of an untagged plain scalar.</summary>
    public static ScalarValue ResolvePlain(string text)
    {
        if (NullWords.Contains(text))
        {
            return ScalarValue.Null;
        }

        if (TrueWords.Contains(text))
        {
            return new ScalarValue(ScalarKind.Boolean, true);
        }

        if (FalseWords.Contains(text))
        {
            return new ScalarValue(ScalarKind.Boolean, false);
        }

        if (text.Length == 0 || !"+-.0123456789".Contains(text[0]))
        {
            return ScalarValue.String(text);
        }

        return ResolveNumber(text) ?? ScalarValue.String(text);
    }

    private static ScalarValue ResolveTagged(string tag, string text)
    {
        if (!tag.StartsWith(YamlTagPrefix, StringComparison.Ordinal))
        {
            return ScalarValue.String(text);
        }

        return tag[YamlTagPrefix.Length..] switch
        {
            "null" => ScalarValue.Null,
            "bool" or "int" or "float" => ResolvePlain(text),
            _ => ScalarValue.String(text),
        };
    }

    private static ScalarValue? ResolveNumber(string text)
    {
        switch (text)
        {
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return new ScalarValue(ScalarKind.Float, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return new ScalarValue(ScalarKind.Float, double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return new ScalarValue(ScalarKind.Float, double.NaN);
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        if (ParseInteger(plain) is { } integer)
        {
            return integer >= long.MinValue && integer <= long.MaxValue
                ? new ScalarValue(ScalarKind.Integer, (long)integer)
                : integer >= 0 && integer <= ulong.MaxValue
                    ? new ScalarValue(ScalarKind.Integer, (ulong)integer)
                    : new ScalarValue(ScalarKind.Float, (double)integer);
        }

        return FloatSyntax().IsMatch(plain) && double.TryParse(plain, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? new ScalarValue(ScalarKind.Float, number)
            : null;
    }

    private static BigInteger? ParseInteger(string text)
    {
        var match = IntegerSyntax().Match(text);
        if (!match.Success || text.Length > MaxIntegerLength)
        {
            return null;
        }

        var negative = match.Groups["sign"].Value == "-";
        var digits = match.Groups["digits"].Value;
        var radix = match.Groups["radix"].Value switch
        {
            "0x" or "0X" => 16,
            "0o" or "0O" => 8,
            "0b" or "0B" => 2,
            _ => digits.Length > 1 && digits[0] == '0' ? 8 : 10,
        };

        BigInteger value = 0;
        foreach (var c in digits)
        {
            var digit = c <= '9' ? c - '0' : (char.ToLowerInvariant(c) - 'a') + 10;
            if (digit >= radix)
            {
                return null;
            }

            value = (value * radix) + digit;
        }

        return negative ? -value : value;
    }

    [GeneratedRegex("^(?<sign>[-+]?)(?<radix>0[xXoObB])?(?<digits>[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerSyntax();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatSyntax();
}
