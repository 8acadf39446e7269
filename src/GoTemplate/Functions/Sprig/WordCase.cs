using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Sprig's <c>snakecase</c>, <c>kebabcase</c> and <c>camelcase</c>. Spaces, underscores and hyphens separate
/// words; within a run of letters and digits a new word starts at a lower-to-upper change (<c>fooBar</c>), before
/// the last capital of a capital run followed by a lower-case letter (<c>HTTPServer</c>), at a capital after digits
/// (<c>HTTP2XX</c>), at digits after letters when they lead lower-case letters (<c>http2xx</c>, not within a word
/// that began with digits), and between letters without case (such as CJK) and cased letters or digits before them.
/// </summary>
internal static class WordCase
{
    private enum Kind
    {
        Upper,
        Lower,
        Digit,
        Uncased,
        Separator,
        Other,
    }

    /// <summary>Lower-case words joined by the delimiter; each separator character becomes one delimiter.</summary>
    public static string Delimited(string s, char delimiter)
    {
        var runes = s.EnumerateRunes().ToArray();
        var sb = new StringBuilder(s.Length + 8);
        var wordStartsWithDigit = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var kind = KindOf(runes[i]);
            if (kind == Kind.Separator)
            {
                sb.Append(delimiter);
                continue;
            }
            if (i > 0 && StartsWord(runes, i, wordStartsWithDigit))
            {
                sb.Append(delimiter);
                wordStartsWithDigit = kind == Kind.Digit;
            }
            else if (i == 0 || KindOf(runes[i - 1]) is Kind.Separator or Kind.Other)
            {
                wordStartsWithDigit = kind == Kind.Digit;
            }
            sb.Append(Rune.ToLowerInvariant(runes[i]).ToString());
        }
        return sb.ToString();
    }

    private static bool StartsWord(Rune[] runes, int i, bool wordStartsWithDigit)
    {
        var previous = KindOf(runes[i - 1]);
        var current = KindOf(runes[i]);
        var next = i + 1 < runes.Length ? KindOf(runes[i + 1]) : Kind.Separator;
        return (previous, current) switch
        {
            (Kind.Lower or Kind.Digit, Kind.Upper) => true,
            (Kind.Upper, Kind.Upper) => next == Kind.Lower,
            (Kind.Upper or Kind.Lower, Kind.Digit) => !wordStartsWithDigit && DigitsLeadLowerCase(runes, i),
            (Kind.Upper or Kind.Lower or Kind.Digit, Kind.Uncased) => true,
            (Kind.Uncased, Kind.Upper or Kind.Lower) => true,
            _ => false,
        };
    }

    private static bool DigitsLeadLowerCase(Rune[] runes, int i)
    {
        while (i < runes.Length && KindOf(runes[i]) == Kind.Digit)
        {
            i++;
        }
        return i < runes.Length && KindOf(runes[i]) == Kind.Lower;
    }

    /// <summary>
    /// Words with their first letter upper-cased and the rest lower-cased, the separator before each word dropped
    /// (separators at either end, and all but the last of a run between words, are kept).
    /// </summary>
    public static string Camel(string s)
    {
        var runes = s.EnumerateRunes().ToArray();
        var sb = new StringBuilder(s.Length);
        var seenWord = false;
        for (var i = 0; i < runes.Length; i++)
        {
            var rune = runes[i];
            if (KindOf(rune) == Kind.Separator)
            {
                var beforeWord = i + 1 < runes.Length && KindOf(runes[i + 1]) != Kind.Separator;
                if (!(seenWord && beforeWord))
                {
                    sb.Append(rune.ToString());
                }
                continue;
            }
            var startsWord = i == 0 || KindOf(runes[i - 1]) == Kind.Separator;
            sb.Append((startsWord ? Rune.ToUpperInvariant(rune) : Rune.ToLowerInvariant(rune)).ToString());
            seenWord = true;
        }
        return sb.ToString();
    }

    private static Kind KindOf(Rune r) => r.Value switch
    {
        ' ' or '_' or '-' => Kind.Separator,
        _ when Rune.IsUpper(r) => Kind.Upper,
        _ when Rune.IsLower(r) => Kind.Lower,
        _ when Rune.IsDigit(r) => Kind.Digit,
        _ when Rune.IsLetter(r) => Kind.Uncased,
        _ => Kind.Other,
    };
}
