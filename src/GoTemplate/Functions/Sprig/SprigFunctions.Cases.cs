using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> StringCases() =>
    [
        OfText("title", Title),
        OfText("untitle", s => MapWordStarts(s, char.ToLowerInvariant)),
        OfText("initials", Initials),
        OfText("swapcase", SwapCase),
        OfText("snakecase", s => WordCase.Delimited(s, '_')),
        OfText("kebabcase", s => WordCase.Delimited(s, '-')),
        OfText("camelcase", WordCase.Camel),
    ];

    // Upper-cases the first letter of each word; a word ends at anything but a letter, digit, underscore or
    // (beyond ASCII) a non-space character.
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previous = ' ';
        foreach (var c in s)
        {
            sb.Append(IsTitleSeparator(previous) ? char.ToUpperInvariant(c) : c);
            previous = c;
        }
        return sb.ToString();
    }

    private static bool IsTitleSeparator(char c) => c <= 0x7F
        ? !(char.IsAsciiLetterOrDigit(c) || c == '_')
        : !char.IsLetterOrDigit(c) && char.IsWhiteSpace(c);

    // Applies a change to the first character of each whitespace-separated word.
    private static string MapWordStarts(string s, Func<char, char> change)
    {
        var sb = new StringBuilder(s.Length);
        var atStart = true;
        foreach (var c in s)
        {
            sb.Append(atStart && !char.IsWhiteSpace(c) ? change(c) : c);
            atStart = char.IsWhiteSpace(c);
        }
        return sb.ToString();
    }

    // The first byte of each whitespace-separated word, taken as a character (so a non-ASCII letter yields the
    // Latin-1 character of its first UTF-8 byte).
    private static string Initials(string s)
    {
        var sb = new StringBuilder();
        var atStart = true;
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in s.EnumerateRunes())
        {
            if (atStart && !Rune.IsWhiteSpace(rune))
            {
                rune.EncodeToUtf8(utf8);
                sb.Append((char)utf8[0]);
            }
            atStart = Rune.IsWhiteSpace(rune);
        }
        return sb.ToString();
    }

    // Upper case becomes lower case and lower case upper case.
    private static string SwapCase(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var rune in s.EnumerateRunes())
        {
            var swapped = Rune.IsUpper(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.TitlecaseLetter
                ? Rune.ToLowerInvariant(rune)
                : Rune.IsLower(rune) ? Rune.ToUpperInvariant(rune) : rune;
            sb.Append(swapped.ToString());
        }
        return sb.ToString();
    }
}
