using System.Text;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The pairs of an env file as kustomize reads them: line by line (a byte order mark at the
/// start and a carriage return at a line's end dropped), leading white space removed, blank
/// lines and "#" comments skipped, "KEY=VALUE" split at the first "=" with the value kept
/// verbatim (quotes included), a line without "=" giving an empty value, and a line with an
/// empty key skipped.
/// </summary>
internal static class EnvFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IEnumerable<KeyValue> Pairs(byte[] content, string file)
    {
        var start = content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var pairs = new List<KeyValue>();
        while (start < content.Length)
        {
            var end = Array.IndexOf(content, (byte)'\n', start);
            var next = end < 0 ? content.Length : end + 1;
            end = end < 0 ? content.Length : end;
            if (end > start && content[end - 1] == '\r')
            {
                end--;
            }

            if (Pair(Line(content, start, end, file)) is { } pair)
            {
                pairs.Add(pair);
            }

            start = next;
        }

        return pairs;
    }

    private static string Line(byte[] content, int start, int end, string file)
    {
        try
        {
            return StrictUtf8.GetString(content, start, end - start);
        }
        catch (DecoderFallbackException)
        {
            throw new KustomizeBuildException($"loading KV pairs: env source files: [{file}]: line has invalid utf8 bytes");
        }
    }

    private static KeyValue? Pair(string line)
    {
        line = line.TrimStart();
        if (line.Length == 0 || line[0] == '#')
        {
            return null;
        }

        var equals = line.IndexOf('=');
        var key = equals < 0 ? line : line[..equals];
        var value = equals < 0 ? "" : line[(equals + 1)..];
        return key.Length == 0 ? null : new KeyValue(key, Encoding.UTF8.GetBytes(value));
    }
}
