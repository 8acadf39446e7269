using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// Which ways of printing a string keep it intact when read back. Only double quotes can hold
/// every string: the other forms exclude characters that are printed escaped (tabs, control
/// characters, characters beyond U+FFFF, the byte-order mark) and some arrangements of spaces.
/// </summary>
internal static class TextRules
{
    /// <summary>'\n', '\r', NEL, U+2028 and U+2029 all end a line for a YAML reader.</summary>
    public static bool IsLineBreak(Rune c) => c.Value is '\n' or '\r' or 0x85 or 0x2028 or 0x2029;

    /// <summary>Characters printed as they are; everything else is escaped in double quotes.</summary>
    public static bool PrintsAsIs(Rune c) => c.Value switch
    {
        '\n' => true,
        >= 0x20 and <= 0x7E => true,
        >= 0xA0 and <= 0xD7FF => true,
        >= 0xE000 and <= 0xFFFD => c.Value != 0xFEFF,
        _ => false,
    };

    /// <summary>
    /// Unquoted text: one line of printable characters, no space at either end, not starting
    /// like a YAML indicator, and no ": " or " #" that would cut it short.
    /// </summary>
    public static bool CanBePlain(Rune[] text)
    {
        if (text.Length == 0 || text[0].Value == ' ' || text[^1].Value == ' ' || StartsLikeIndicator(text))
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (!PrintsAsIs(c) || IsLineBreak(c))
            {
                return false;
            }

            var endsWord = i + 1 == text.Length || text[i + 1].Value == ' ';
            if ((c.Value == ':' && endsWord) || (c.Value == '#' && i > 0 && text[i - 1].Value == ' '))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Single quotes: printable characters (no tabs), and no space right before or after a line break.</summary>
    public static bool CanBeSingleQuoted(Rune[] text) =>
        text.All(PrintsAsIs) && !SpaceTouchesBreak(text, before: true, after: true);

    /// <summary>A literal block: printable characters (no tabs), no space at the end or before a line break.</summary>
    public static bool CanBeLiteral(Rune[] text) =>
        text.Length > 0 && text[^1].Value != ' ' && text.All(PrintsAsIs) && !SpaceTouchesBreak(text, before: true, after: false);

    private static bool StartsLikeIndicator(Rune[] text)
    {
        var first = (char)Math.Min(text[0].Value, char.MaxValue);
        if ("#,[]{}&*!|>'\"%@`".Contains(first, StringComparison.Ordinal))
        {
            return true;
        }

        var alone = text.Length == 1 || text[1].Value is ' ' or '\t';
        var prefix = string.Concat(text.Take(3).Select(c => c.ToString()));
        return (first is '-' or '?' or ':' && alone) || prefix is "---" or "...";
    }

    private static bool SpaceTouchesBreak(Rune[] text, bool before, bool after)
    {
        for (var i = 1; i < text.Length; i++)
        {
            var (left, right) = (text[i - 1], text[i]);
            if ((before && left.Value == ' ' && IsLineBreak(right)) || (after && IsLineBreak(left) && right.Value == ' '))
            {
                return true;
            }
        }

        return false;
    }
}
