using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// A string is quoted whenever the same text, unquoted, would read back as another type
/// under YAML 1.1: yes/no/on/off and friends, null words, .inf and .nan, numbers (with '_'
/// separators, octal, hex, base 60) and timestamps.
/// </summary>
public static partial class ImplicitTypes
{
    private static readonly FrozenSet<string> TypedWords = new[]
    {
        "", "~", "null", "Null", "NULL",
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF",
        "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when <paramref name="text"/>, written unquoted, still reads as that string.</summary>
    public static bool ReadsAsString(string text)
    {
        if (TypedWords.Contains(text))
        {
            return false;
        }

        if (text[0] == '.')
        {
            // ".5" and ".1_0" are floats; "._5" and ".5_" (underscore not between digits) stay strings.
            return !(UnderscoresBetweenDigits(text) && Fraction().IsMatch(text.Replace("_", "", StringComparison.Ordinal)));
        }

        if (!(text[0] is '+' or '-' || char.IsAsciiDigit(text[0])))
        {
            return true;
        }

        if (Timestamp.Parse(text) is not null || Sexagesimal().IsMatch(text))
        {
            return false;
        }

        var digits = text.Replace("_", "", StringComparison.Ordinal);
        return GoInteger.Parse(digits) is null && !YamlFloat().IsMatch(digits);
    }

    private static bool UnderscoresBetweenDigits(string text)
    {
        for (var i = text.IndexOf('_', StringComparison.Ordinal); i >= 0; i = text.IndexOf('_', i + 1))
        {
            if (i == 0 || i == text.Length - 1 || !char.IsAsciiDigit(text[i - 1]) || !char.IsAsciiDigit(text[i + 1]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Decimal floats YAML reads: an optional sign, digits with an optional fraction, an optional exponent.</summary>
    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    public static partial Regex YamlFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Fraction();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Sexagesimal();
}
