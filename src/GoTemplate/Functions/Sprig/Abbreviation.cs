using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Sprig's abbreviating and word-wrapping of text. Widths and offsets count bytes of the UTF-8 text, as Go does.
/// </summary>
internal static class Abbreviation
{
    private const string Marker = "...";

    /// <summary><c>abbrev</c>: text longer than the width is cut to width-3 bytes plus "..."; widths under 4 leave it.</summary>
    public static string Abbreviate(int width, string s) => width < 4 ? s : AbbreviateAt(Encoding.UTF8.GetBytes(s), 0, width);

    /// <summary><c>abbrevboth</c>: abbreviates on both sides of an offset; too small widths leave the text as it is.</summary>
    public static string AbbreviateBoth(int offset, int width, string s) =>
        width < 4 || (offset > 0 && width < 7) ? s : AbbreviateAt(Encoding.UTF8.GetBytes(s), offset, width);

    // The text around an offset in at most width bytes, markers included; "" where no such abbreviation exists.
    private static string AbbreviateAt(byte[] s, int offset, int width)
    {
        if (s.Length == 0 || width < 4)
        {
            return "";
        }
        if (s.Length <= width)
        {
            return Text(s, 0, s.Length);
        }
        offset = Math.Min(offset, s.Length);
        if (s.Length - offset < width - 3)
        {
            offset = s.Length - (width - 3);
        }
        if (offset <= 4)
        {
            return Text(s, 0, width - 3) + Marker;
        }
        if (width < 7)
        {
            return "";
        }
        if (offset + width - 3 < s.Length)
        {
            return Marker + AbbreviateAt(s[offset..], 0, width - 3);
        }
        return Marker + Text(s, s.Length - (width - 3), s.Length);
    }

    /// <summary>
    /// Breaks text into lines of at most width bytes at spaces, replacing the breaking space with the line
    /// separator and dropping spaces that would start a line. A word longer than the width is cut when
    /// <paramref name="cutLongWords"/> is set, else left whole on its own line.
    /// </summary>
    public static string Wrap(string text, int width, string separator, bool cutLongWords)
    {
        if (text.Length == 0)
        {
            return "";
        }
        separator = separator.Length == 0 ? "\n" : separator;
        width = Math.Max(width, 1);
        var s = Encoding.UTF8.GetBytes(text);
        var output = new StringBuilder();
        var offset = 0;
        while (s.Length - offset > width)
        {
            if (s[offset] == ' ')
            {
                offset++;
                continue;
            }
            var space = Array.LastIndexOf(s, (byte)' ', offset + width, width + 1);
            if (space >= offset)
            {
                output.Append(Text(s, offset, space)).Append(separator);
                offset = space + 1;
            }
            else if (cutLongWords)
            {
                output.Append(Text(s, offset, offset + width)).Append(separator);
                offset += width;
            }
            else
            {
                var next = Array.IndexOf(s, (byte)' ', offset + width);
                if (next < 0)
                {
                    output.Append(Text(s, offset, s.Length));
                    offset = s.Length;
                }
                else
                {
                    output.Append(Text(s, offset, next)).Append(separator);
                    offset = next + 1;
                }
            }
        }
        return output.Append(Text(s, offset, s.Length)).ToString();
    }

    private static string Text(byte[] s, int start, int end) => Encoding.UTF8.GetString(s, start, end - start);
}
