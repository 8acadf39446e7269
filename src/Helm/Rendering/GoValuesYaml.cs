using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Reads YAML as Helm reads values: YAML 1.1 scalars (yes/no/on/off/y/n are booleans, 0755 is octal), then
/// through JSON, so every number becomes a float64 (<see cref="double"/>) and every map key a string.
/// </summary>
public static partial class GoValuesYaml
{
    /// <summary>
    /// Most values one text may expand to. Aliases are copied where they are used, so a few hundred bytes of anchors
    /// aliasing each other ("billion laughs") could otherwise expand without end; Go's YAML library stops such
    /// documents too.
    /// </summary>
    public const int MaxExpandedNodes = 2_000_000;

    /// <summary>Deepest nesting of maps and lists.</summary>
    public const int MaxDepth = 10_000;

    [ThreadStatic]
    private static Budget? _budget;

    private sealed class Budget
    {
        public int Nodes;
        public int Depth;

        /// <summary>The collections being converted: an alias met again among them is an anchor that contains itself.</summary>
        public HashSet<YamlNode> Open { get; } = new(ReferenceEqualityComparer.Instance);
    }

    /// <summary>The top-level map of a text; an empty document gives an empty map.</summary>
    public static Dictionary<string, object?> ReadMap(string text, string fileName)
    {
        object? root;
        try
        {
            root = Read(text);
        }
        catch (Exception e) when (GoYaml.YamlReadError.Is(e))
        {
            throw new RenderException($"cannot load {fileName}: {GoYaml.GoYamlErrorText.Of(e, text)}", e);
        }
        return root switch
        {
            Dictionary<string, object?> map => map,
            null => new Dictionary<string, object?>(StringComparer.Ordinal),
            _ => throw new RenderException($"cannot load {fileName}: the top level is not a map"),
        };
    }

    /// <summary>Any YAML value (null for an empty document), converted as <see cref="ReadMap"/> converts values, within the depth and expansion limits.</summary>
    public static object? Read(string text)
    {
        RequireFlowDepth(text);
        var stream = new YamlStream();
        stream.Load(new GoAnchorCheck(new GoYamlFirstDocument(new Parser(new StringReader(text)), KeyOf)));
        return stream.Documents.Count == 0 ? null : Bounded(() => Convert(stream.Documents[0].RootNode));
    }

    /// <summary>
    /// Refuses flow collections nested deeper than <see cref="MaxDepth"/> before the parser sees them (as Go's YAML
    /// library does): the parser recurses once per level, so "[[[[…" would otherwise cost time and stack without end.
    /// Quoted scalars and comments are skipped; block nesting needs a line per level, which the input size bounds.
    /// </summary>
    private static void RequireFlowDepth(string text)
    {
        var depth = 0;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    line++;
                    break;
                case '#' when i == 0 || char.IsWhiteSpace(text[i - 1]):
                    while (i + 1 < text.Length && text[i + 1] != '\n') i++;
                    break;
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i++)
                    {
                        if (text[i] == '\\') i++;
                        else if (text[i] == '\n') line++;
                    }
                    break;
                case '\'' when i == 0 || !char.IsLetterOrDigit(text[i - 1]):
                    for (i++; i < text.Length && text[i] != '\''; i++)
                    {
                        if (text[i] == '\n') line++;
                    }
                    break;
                case '[' or '{':
                    if (++depth > MaxDepth) throw new YamlException($"yaml: line {line}: exceeded max depth of {MaxDepth}");
                    break;
                case ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
            }
        }
    }

    /// <summary>Runs one conversion within the expansion and depth limits (a nested conversion shares its caller's).</summary>
    private static object? Bounded(Func<object?> convert)
    {
        if (_budget is not null)
        {
            return convert();
        }
        _budget = new Budget();
        try
        {
            return convert();
        }
        finally
        {
            _budget = null;
        }
    }

    private static object? Convert(YamlNode node)
    {
        var budget = _budget!;
        if (++budget.Nodes > MaxExpandedNodes)
        {
            throw new YamlException(node.Start, node.End, "document contains excessive aliasing");
        }
        if (node is YamlScalarNode scalar)
        {
            return Scalar(scalar);
        }
        if (++budget.Depth > MaxDepth)
        {
            throw new YamlException(node.Start, node.End, $"exceeded max depth of {MaxDepth}");
        }
        if (!budget.Open.Add(node))
        {
            // An alias inside its own anchor's value ("a: &x {b: *x}"): Go's YAML library refuses it with these words.
            budget.Depth--;
            throw new YamlException(node.Start, node.End, $"anchor '{node.Anchor}' value contains itself");
        }
        try
        {
            return node switch
            {
                YamlMappingNode map => ConvertMap(map),
                YamlSequenceNode seq => seq.Children.Select(Convert).ToList(),
                _ => null,
            };
        }
        finally
        {
            budget.Open.Remove(node);
            budget.Depth--;
        }
    }

    private static Dictionary<string, object?> ConvertMap(YamlMappingNode map)
    {
        var result = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: { } merge, Style: ScalarStyle.Plain } && merge.StartsWith(GoYamlFirstDocument.MergeKey, StringComparison.Ordinal))
            {
                // A merge key, taken in place as Go's YAML library does: the named map's entries are set here (later
                // keys still override them); of a list of maps, the earlier map wins.
                var maps = value switch
                {
                    YamlMappingNode one => [one],
                    YamlSequenceNode many => many.Children.Select(item => item as YamlMappingNode
                        ?? throw new YamlException(item.Start, item.End, "map merge requires map or sequence of maps as the value")).Reverse().ToList(),
                    _ => throw new YamlException(value.Start, value.End, "map merge requires map or sequence of maps as the value"),
                };
                foreach (var (mergedKey, mergedValue) in maps.SelectMany(merged => (Dictionary<string, object?>)Convert(merged)!))
                {
                    result[mergedKey] = mergedValue;
                }
                continue;
            }
            if (key is YamlScalarNode { Value: { } replaced } && replaced.StartsWith(GoYamlFirstDocument.ReplacedKey, StringComparison.Ordinal))
            {
                continue;
            }
            result[KeyText(Convert(key))] = Convert(value);
        }
        return result;
    }

    // JSON keys are strings: other scalar keys are printed as Go prints them.
    private static string KeyText(object? key) => key switch
    {
        string s => s,
        bool b => b ? "true" : "false",
        double d => GoTemplate.GoFormat.Sprintf("%v", d),
        null => "null",
        _ => GoTemplate.GoFormat.Sprintf("%v", key),
    };

    // A scalar key as the JSON key Go makes of it; null for a merge key.
    private static string? KeyOf(YamlDotNet.Core.Events.Scalar key) =>
        key is { Value: "<<", Style: ScalarStyle.Plain, Tag.IsEmpty: true } ? null : KeyText(Scalar(key.Value, key.Style, key.Tag));

    private static object? Scalar(YamlScalarNode scalar) => Scalar(scalar.Value ?? "", scalar.Style, scalar.Tag);

    private static object? Scalar(string text, ScalarStyle style, TagName tag)
    {
        if (style != ScalarStyle.Plain || tag == "tag:yaml.org,2002:str")
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
        var digits = text.Replace("_", "", StringComparison.Ordinal);
        if (Integer(digits) is { } integer)
        {
            return integer;
        }
        if (FloatText().IsMatch(digits))
        {
            return double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        }
        return text;
    }

    // An integer in base 0 notation (0x, 0o, 0b, leading 0 for octal), as a float64.
    private static double? Integer(string text)
    {
        var sign = text.Length > 0 && text[0] is '-' or '+' ? 1 : 0;
        var body = text[sign..];
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
        var value = BigInteger.Zero;
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
        return text.StartsWith('-') ? -(double)value : (double)value;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatText();
}
