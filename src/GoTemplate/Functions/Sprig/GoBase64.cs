namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Go's standard padded base64 decoding (<c>base64.StdEncoding.DecodeString</c>): line breaks are skipped,
/// padding is required, and a failure names the offending input byte as Go does.
/// </summary>
internal static class GoBase64
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    /// <summary>Decodes the text's UTF-8 bytes; returns null on success, else Go's error text.</summary>
    public static string? Decode(string text, out byte[] bytes)
    {
        var src = System.Text.Encoding.UTF8.GetBytes(text);
        var output = new List<byte>(src.Length * 3 / 4);
        bytes = [];
        var si = 0;
        while (si < src.Length)
        {
            var (next, error) = Quantum(src, si, output);
            if (error is { } at)
            {
                return $"illegal base64 data at input byte {at}";
            }
            si = next;
        }
        bytes = [.. output];
        return null;
    }

    private static bool IsLineBreak(byte b) => b is (byte)'\n' or (byte)'\r';

    // One group of four symbols (fewer at a padded end); returns where the next group starts, or the failing offset.
    private static (int Next, int? Error) Quantum(byte[] src, int si, List<byte> output)
    {
        Span<int> symbols = stackalloc int[4];
        var count = 4;
        int? trailing = null;
        for (var j = 0; j < 4; j++)
        {
            if (si == src.Length)
            {
                if (j == 0)
                {
                    return (si, null);
                }
                return (si, si - j);
            }
            var c = src[si++];
            var value = c < 128 ? Alphabet.IndexOf((char)c, StringComparison.Ordinal) : -1;
            if (value >= 0)
            {
                symbols[j] = value;
                continue;
            }
            if (IsLineBreak(c))
            {
                j--;
                continue;
            }
            if (c != '=' || j < 2)
            {
                return (si, si - 1);
            }
            if (j == 2)
            {
                while (si < src.Length && IsLineBreak(src[si]))
                {
                    si++;
                }
                if (si == src.Length)
                {
                    return (si, src.Length);
                }
                if (src[si] != '=')
                {
                    return (si, si - 1);
                }
                si++;
            }
            while (si < src.Length && IsLineBreak(src[si]))
            {
                si++;
            }
            if (si < src.Length)
            {
                trailing = si;
            }
            count = j;
            break;
        }
        var bits = (symbols[0] << 18) | (symbols[1] << 12) | (count > 2 ? symbols[2] << 6 : 0) | (count > 3 ? symbols[3] : 0);
        output.Add((byte)(bits >> 16));
        if (count > 2)
        {
            output.Add((byte)(bits >> 8));
        }
        if (count > 3)
        {
            output.Add((byte)bits);
        }
        return (si, trailing);
    }
}
