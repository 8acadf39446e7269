using System.Buffers;
using System.Text;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// Go strings hold bytes, valid UTF-8 or not: <c>.Files.Get</c> of a JPEG is the file's bytes, and <c>b64enc</c> of it
/// is the file in base64. Here a byte that is not part of valid UTF-8 is kept in the string as the lone surrogate
/// U+DC80–U+DCFF, and turned back into that byte wherever a string's bytes count (encoding, hashing, len, index).
/// </summary>
public static class GoStrings
{
    private const char EscapeBase = '\uDC00';

    /// <summary>The string Go makes of <paramref name="bytes"/> (<c>string(b)</c>).</summary>
    public static string FromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(bytes, out var rune, out var consumed) == OperationStatus.Done)
            {
                text.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                text.Append((char)(EscapeBase + bytes[0]));
                bytes = bytes[1..];
            }
        }

        return text.ToString();
    }

    /// <summary>The bytes of a Go string (<c>[]byte(s)</c>).</summary>
    public static byte[] Bytes(string text)
    {
        if (!HasEscapes(text))
        {
            return Encoding.UTF8.GetBytes(text);
        }

        var bytes = new List<byte>(text.Length);
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (IsEscape(text, i))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[start..i]));
                bytes.Add((byte)(text[i] - EscapeBase));
                start = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(text[start..]));
        return [.. bytes];
    }

    /// <summary>Go's <c>len</c> of a string: its bytes.</summary>
    public static int ByteCount(string text) => HasEscapes(text) ? Bytes(text).Length : Encoding.UTF8.GetByteCount(text);

    private static bool HasEscapes(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (IsEscape(text, i))
            {
                return true;
            }
        }

        return false;
    }

    // A low surrogate standing for one raw byte (0x80–0xFF), not the second half of a pair.
    private static bool IsEscape(string text, int i) =>
        text[i] is >= '\uDC80' and <= '\uDCFF' && (i == 0 || !char.IsHighSurrogate(text[i - 1]));
}
