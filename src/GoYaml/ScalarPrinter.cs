using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>Prints map keys and scalar values in the form picked for them.</summary>
internal static class ScalarPrinter
{
    // Longer keys, and keys with line breaks, would need YAML's "? key" form, which is not printed.
    private const int MaxKeyBytes = 128;

    public static void Key(PrintBuffer page, string key)
    {
        var characters = key.EnumerateRunes().ToArray();
        if (Encoding.UTF8.GetByteCount(key) > MaxKeyBytes || characters.Any(TextRules.IsLineBreak))
        {
            throw new UnprintableKeyException(key);
        }

        LineFolder.Print(page, characters, ScalarForms.For(key, characters, isKey: true, page.QuoteMergeKey), indent: 0, fold: false);
    }

    /// <summary>A value; folded lines and block lines start at <paramref name="indent"/>.</summary>
    public static void Value(PrintBuffer page, ScalarNode scalar, int indent)
    {
        if (scalar.Value is not string text)
        {
            page.Write(Typed(scalar.Value, page.Pretty));
            return;
        }

        var characters = text.EnumerateRunes().ToArray();
        var form = ScalarForms.For(text, characters, isKey: false, page.QuoteMergeKey);
        if (form == ScalarForm.Literal)
        {
            Literal(page, characters, indent);
        }
        else
        {
            LineFolder.Print(page, characters, form, indent, fold: !page.Pretty);
        }
    }

    private static string Typed(object? value, bool pretty) => value switch
    {
        PlainText plain => plain.Text,
        null => "null",
        bool b => b ? "true" : "false",
        long l => l.ToString(CultureInfo.InvariantCulture),
        ulong u => u.ToString(CultureInfo.InvariantCulture),
        double d when double.IsNaN(d) => ".nan",
        double d when double.IsInfinity(d) => d > 0 ? ".inf" : "-.inf",
        double d => pretty ? GoFloat.G(d) : GoFloat.Format(d),
        _ => throw new InvalidOperationException($"Unexpected scalar {value.GetType()}"),
    };

    /// <summary>
    /// "|" with "2" when the text starts with a space or an empty line, then "-" when it has no
    /// final line break or "+" when it ends with an empty line; then each line at <paramref name="indent"/>.
    /// </summary>
    private static void Literal(PrintBuffer page, Rune[] text, int indent)
    {
        var startsBlank = text[0].Value == ' ' || TextRules.IsLineBreak(text[0]);
        var chomp = !TextRules.IsLineBreak(text[^1]) ? "-"
            : text.Length == 1 || TextRules.IsLineBreak(text[^2]) ? "+"
            : "";
        page.Write(startsBlank ? "|2" + chomp : "|" + chomp);
        page.NewLine();
        var lineStart = true;
        foreach (var c in text)
        {
            if (c.Value == '\n')
            {
                page.NewLine();
                lineStart = true;
            }
            else if (TextRules.IsLineBreak(c))
            {
                page.LineSeparator(c);
                lineStart = true;
            }
            else
            {
                if (lineStart)
                {
                    page.StartLine(indent);
                    lineStart = false;
                }

                page.Write(c);
            }
        }
    }
}
