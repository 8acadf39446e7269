using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// Prints plain, single-quoted and double-quoted scalars. Past column 80 the printer breaks a value
/// (never a key) at the next space that stands between two other characters; the text goes on at
/// the value's indentation. In double quotes the break may also come before a run of spaces, whose
/// first space is then kept as "\ " at the start of the next line.
/// </summary>
internal static class LineFolder
{
    private const int Width = 80;

    public static void Print(PrintBuffer page, Rune[] text, ScalarForm form, int indent, bool fold)
    {
        var quote = form switch { ScalarForm.SingleQuoted => "'", ScalarForm.DoubleQuoted => "\"", _ => "" };
        page.Write(quote);
        // A string that starts with a byte-order mark comes out with every character escaped.
        var escapeAll = form == ScalarForm.DoubleQuoted && text.Length > 0 && text[0].Value == 0xFEFF;
        var lineStart = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (fold && !escapeAll && c.Value == ' ' && page.Column > Width && CanBreakAt(text, i, form))
            {
                page.StartLine(indent);
                if (form == ScalarForm.DoubleQuoted && text[i + 1].Value == ' ')
                {
                    page.Write('\\');
                }

                continue;
            }

            if (form == ScalarForm.SingleQuoted && TextRules.IsLineBreak(c))
            {
                page.LineSeparator(c);
                lineStart = true;
                continue;
            }

            if (lineStart)
            {
                page.StartLine(indent);
                lineStart = false;
            }

            Character(page, c, form, escapeAll);
        }

        page.Write(quote);
    }

    private static bool CanBreakAt(Rune[] text, int i, ScalarForm form) =>
        i > 0 && i < text.Length - 1 && text[i - 1].Value != ' '
        && (form == ScalarForm.DoubleQuoted || text[i + 1].Value != ' ');

    private static void Character(PrintBuffer page, Rune c, ScalarForm form, bool escapeAll)
    {
        if (form == ScalarForm.SingleQuoted && c.Value == '\'')
        {
            page.Write("''");
        }
        else if (escapeAll || (form == ScalarForm.DoubleQuoted && NeedsEscape(c)))
        {
            page.Write(Escaped(c.Value));
        }
        else
        {
            page.Write(c);
        }
    }

    private static bool NeedsEscape(Rune c) =>
        !TextRules.PrintsAsIs(c) || TextRules.IsLineBreak(c) || c.Value is '"' or '\\';

    /// <summary>The escape printed inside double quotes: a short one where YAML has it, else hex.</summary>
    private static string Escaped(int c) => c switch
    {
        0x00 => "\\0", 0x07 => "\\a", 0x08 => "\\b", '\t' => "\\t", '\n' => "\\n", 0x0B => "\\v", 0x0C => "\\f",
        '\r' => "\\r", 0x1B => "\\e", '"' => "\\\"", '\\' => "\\\\", 0x85 => "\\N", 0xA0 => "\\_",
        0x2028 => "\\L", 0x2029 => "\\P",
        <= 0xFF => "\\x" + c.ToString("X2", CultureInfo.InvariantCulture),
        <= 0xFFFF => "\\u" + c.ToString("X4", CultureInfo.InvariantCulture),
        _ => "\\U" + c.ToString("X8", CultureInfo.InvariantCulture),
    };
}
