using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>Go's quoting of strings and runes (<c>strconv.Quote</c> and friends).</summary>
public static class GoQuote
{
    public static string Quote(string s, bool asciiOnly = false) => QuoteWith(s, '"', asciiOnly);

    public static string QuoteRune(int rune, bool asciiOnly = false)
    {
        if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            rune = 0xFFFD;
        }
        var sb = new StringBuilder("'");
        AppendEscaped(sb, rune, '\'', asciiOnly);
        return sb.Append('\'').ToString();
    }

    /// <summary>True when the string can be written between backquotes unchanged.</summary>
    public static bool CanBackquote(string s)
    {
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            if (v == '`' || v == 0xFFFD || v == 0xFEFF || (v < ' ' && v != '\t') || v == 0x7F)
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Go's <c>unicode.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune == ' ')
        {
            return true;
        }
        if (rune < 0 || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            return false;
        }
        return Rune.GetUnicodeCategory(new Rune(rune)) switch
        {
            UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
            _ => true,
        };
    }

    private static string QuoteWith(string s, char quote, bool asciiOnly)
    {
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var r in s.EnumerateRunes())
        {
            AppendEscaped(sb, r.Value, quote, asciiOnly);
        }
        return sb.Append(quote).ToString();
    }

    private static void AppendEscaped(StringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (asciiOnly ? r < 0x80 && IsPrint(r) : IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7F)
        {
            sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r < 0x10000)
        {
            sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
        }
    }
}
