using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Go's standard padded base32 (<c>base32.StdEncoding</c>): encoding, and decoding with line breaks removed first
/// and Go's error offsets for bad symbols and padding.
/// </summary>
internal static class GoBase32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(byte[] data)
    {
        var sb = new StringBuilder((data.Length + 4) / 5 * 8);
        for (var i = 0; i < data.Length; i += 5)
        {
            var n = Math.Min(5, data.Length - i);
            ulong block = 0;
            for (var k = 0; k < 5; k++)
            {
                block = (block << 8) | (k < n ? data[i + k] : 0u);
            }
            var symbols = (n * 8 + 4) / 5;
            for (var k = 0; k < 8; k++)
            {
                sb.Append(k < symbols ? Alphabet[(int)((block >> (35 - (5 * k))) & 31)] : '=');
            }
        }
        return sb.ToString();
    }

    /// <summary>Decodes the text's UTF-8 bytes; returns null on success, else Go's error text.</summary>
    public static string? Decode(string text, out byte[] bytes)
    {
        var src = Encoding.UTF8.GetBytes(text).Where(b => b is not ((byte)'\n' or (byte)'\r')).ToArray();
        var output = new List<byte>(src.Length * 5 / 8);
        bytes = [];
        var pos = 0;
        var end = false;
        var symbols = new int[8];
        while (pos < src.Length && !end)
        {
            var count = 8;
            for (var j = 0; j < 8;)
            {
                if (pos == src.Length)
                {
                    return Illegal(pos - j);
                }
                var c = src[pos++];
                var remaining = src.Length - pos;
                if (c == '=' && j >= 2 && remaining < 8)
                {
                    if (remaining + j < 7)
                    {
                        return Illegal(src.Length);
                    }
                    for (var k = 0; k < 7 - j; k++)
                    {
                        if (remaining > k && src[pos + k] != '=')
                        {
                            return Illegal(pos + k - 1);
                        }
                    }
                    count = j;
                    end = true;
                    if (count is 1 or 3 or 6)
                    {
                        return Illegal(pos - 1);
                    }
                    break;
                }
                var value = c < 128 ? Alphabet.IndexOf((char)c, StringComparison.Ordinal) : -1;
                if (value < 0)
                {
                    return Illegal(pos - 1);
                }
                symbols[j++] = value;
            }
            ulong block = 0;
            for (var k = 0; k < 8; k++)
            {
                block = (block << 5) | (uint)(k < count ? symbols[k] : 0);
            }
            var produced = count switch { 8 => 5, 7 => 4, 5 => 3, 4 => 2, 2 => 1, _ => 0 };
            for (var k = 0; k < produced; k++)
            {
                output.Add((byte)(block >> (32 - (8 * k))));
            }
        }
        bytes = [.. output];
        return null;
    }

    private static string Illegal(int offset) => $"illegal base32 data at input byte {offset}";
}
