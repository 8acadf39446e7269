using System.Text;

namespace GitOpsHQ.GoTemplate.Execution;

/// <summary>Collects a template's output, counting its UTF-8 bytes against the limit.</summary>
internal sealed class OutputWriter(long maxBytes)
{
    private readonly StringBuilder _text = new();
    private long _bytes;

    /// <summary>Appends text; false when the text would exceed the limit (nothing is appended then).</summary>
    public bool TryWrite(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (_bytes + bytes > maxBytes)
        {
            return false;
        }
        _bytes += bytes;
        _text.Append(text);
        return true;
    }

    public override string ToString() => _text.ToString();
}
