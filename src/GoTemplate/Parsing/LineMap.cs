namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>Line numbers and byte columns of offsets in a template text.</summary>
public sealed class LineMap
{
    private readonly string _text;
    private readonly List<int> _starts = [0];

    public LineMap(string text)
    {
        _text = text;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                _starts.Add(i + 1);
            }
        }
    }

    /// <summary>The 1-based line holding the offset.</summary>
    public int LineOf(int pos)
    {
        var index = _starts.BinarySearch(pos);
        return (index >= 0 ? index : ~index - 1) + 1;
    }

    /// <summary>The 0-based column of the offset, counted in UTF-8 bytes as Go counts it.</summary>
    public int ByteColumnOf(int pos)
    {
        var start = _starts[LineOf(pos) - 1];
        return System.Text.Encoding.UTF8.GetByteCount(_text.AsSpan(start, Math.Min(pos, _text.Length) - start));
    }
}
