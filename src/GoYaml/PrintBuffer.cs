using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// The text of one printed document and the column the next character lands on, counted in
/// characters (code points), which is what the 80-column folding is measured in.
/// </summary>
internal sealed class PrintBuffer(bool quoteMergeKey)
{
    /// <summary>Whether the string "&lt;&lt;" is printed double-quoted.</summary>
    public bool QuoteMergeKey { get; } = quoteMergeKey;

    /// <summary>yaml.v3's layout (Helm's toYamlPretty) rather than yaml.v2's; see <see cref="YamlPrinter.Print"/>.</summary>
    public bool Pretty { get; init; }

    private readonly StringBuilder _text = new();

    /// <summary>0 at the start of a line.</summary>
    public int Column { get; private set; }

    public void Write(char ascii)
    {
        _text.Append(ascii);
        Column++;
    }

    public void Write(string ascii)
    {
        _text.Append(ascii);
        Column += ascii.Length;
    }

    public void Write(Rune character)
    {
        Span<char> utf16 = stackalloc char[2];
        _text.Append(utf16[..character.EncodeToUtf16(utf16)]);
        Column++;
    }

    public void NewLine()
    {
        _text.Append('\n');
        Column = 0;
    }

    /// <summary>
    /// U+2028 or U+2029 inside single quotes or a literal block: the printer writes the character
    /// itself and indents what follows as if a new line had started.
    /// </summary>
    public void LineSeparator(Rune separator)
    {
        Write(separator);
        Column = 0;
    }

    /// <summary>Moves to a fresh line (unless the current one is still empty) indented by <paramref name="indent"/>.</summary>
    public void StartLine(int indent)
    {
        if (Column > 0)
        {
            NewLine();
        }

        while (Column < indent)
        {
            Write(' ');
        }
    }

    public override string ToString() => _text.ToString();
}
