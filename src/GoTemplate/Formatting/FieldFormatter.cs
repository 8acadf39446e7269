using System.Text;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>
/// Writes one formatted field the way Go's fmt does: flags <c>- + # 0 space</c>, width and precision,
/// with widths counted in runes.
/// </summary>
internal sealed partial class FieldFormatter
{
    public FieldFormatter(StringBuilder buffer) => Buffer = buffer;

    public StringBuilder Buffer { get; }

    public bool Minus;
    public bool Plus;
    public bool Sharp;
    public bool Space;
    public bool Zero;
    public bool PlusV;
    public bool SharpV;
    public bool WidthPresent;
    public bool PrecisionPresent;
    public int Width;
    public int Precision;

    public void ClearFlags()
    {
        Minus = Plus = Sharp = Space = Zero = PlusV = SharpV = false;
        WidthPresent = PrecisionPresent = false;
        Width = Precision = 0;
    }

    public static int RuneCount(string s)
    {
        var n = s.Length;
        foreach (var c in s)
        {
            if (char.IsLowSurrogate(c))
            {
                n--;
            }
        }
        return n;
    }

    public void WritePadding(int n)
    {
        if (n > 0)
        {
            Buffer.Append(Zero ? '0' : ' ', n);
        }
    }

    /// <summary>Writes text padded to the width, on the left unless the minus flag is set.</summary>
    public void Pad(string s)
    {
        if (!WidthPresent || Width == 0)
        {
            Buffer.Append(s);
            return;
        }
        var fill = Width - RuneCount(s);
        if (Minus)
        {
            Buffer.Append(s);
            WritePadding(fill);
        }
        else
        {
            WritePadding(fill);
            Buffer.Append(s);
        }
    }

    public void Boolean(bool value) => Pad(value ? "true" : "false");

    /// <summary>Writes an integer in a base; the value is the two's-complement bits when signed.</summary>
    public void Integer(ulong bits, int numberBase, bool signed, int verb, bool upper)
    {
        var negative = signed && (long)bits < 0;
        var magnitude = negative ? (ulong)-(long)bits : bits;
        var minimumDigits = 0;
        if (PrecisionPresent)
        {
            minimumDigits = Precision;
            if (Precision == 0 && magnitude == 0)
            {
                var keepZero = Zero;
                Zero = false;
                WritePadding(Width);
                Zero = keepZero;
                return;
            }
        }
        else if (Zero && WidthPresent)
        {
            minimumDigits = Width;
            if (negative || Plus || Space)
            {
                minimumDigits--;
            }
        }
        var digits = upper ? "0123456789ABCDEFX" : "0123456789abcdefx";
        var text = new StringBuilder();
        do
        {
            text.Insert(0, digits[(int)(magnitude % (ulong)numberBase)]);
            magnitude /= (ulong)numberBase;
        }
        while (magnitude != 0);
        if (text.Length < minimumDigits)
        {
            text.Insert(0, "0", minimumDigits - text.Length);
        }
        if (Sharp)
        {
            switch (numberBase)
            {
                case 2:
                    text.Insert(0, "0b");
                    break;
                case 8 when text[0] != '0':
                    text.Insert(0, '0');
                    break;
                case 16:
                    text.Insert(0, digits[16]).Insert(0, '0');
                    break;
            }
        }
        if (verb == 'O')
        {
            text.Insert(0, "0o");
        }
        if (negative)
        {
            text.Insert(0, '-');
        }
        else if (Plus)
        {
            text.Insert(0, '+');
        }
        else if (Space)
        {
            text.Insert(0, ' ');
        }
        WithoutZeroPadding(() => Pad(text.ToString()));
    }

    /// <summary><c>%U</c>: U+0041, with the character after it for <c>%#U</c>.</summary>
    public void Unicode(ulong value)
    {
        var digits = PrecisionPresent && Precision > 4 ? Precision : 4;
        var text = "U+" + value.ToString("X", System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
        if (Sharp && value <= 0x10FFFF && GoQuote.IsPrint((int)value))
        {
            text += " '" + char.ConvertFromUtf32((int)value) + "'";
        }
        WithoutZeroPadding(() => Pad(text));
    }

    /// <summary><c>%c</c>: the character; values beyond Unicode print as U+FFFD.</summary>
    public void Character(ulong value) => Pad(RuneText(value));

    /// <summary><c>%q</c> of an integer: a single-quoted character literal.</summary>
    public void QuotedCharacter(ulong value) =>
        Pad(GoQuote.QuoteRune(value > 0x10FFFF ? 0xFFFD : (int)value, Plus));

    public static string RuneText(ulong value) =>
        value > 0x10FFFF || value is >= 0xD800 and <= 0xDFFF ? "\uFFFD" : char.ConvertFromUtf32((int)value);

    public void WithoutZeroPadding(Action write)
    {
        var keepZero = Zero;
        Zero = false;
        write();
        Zero = keepZero;
    }
}
