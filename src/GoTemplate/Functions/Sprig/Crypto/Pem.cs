using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>PEM blocks as Go's encoding/pem writes and finds them.</summary>
public static class Pem
{
    /// <summary>A block: the BEGIN line, base64 in lines of 64 characters, the END line, each ending in a newline.</summary>
    public static string Encode(string type, ReadOnlySpan<byte> data)
    {
        var base64 = Convert.ToBase64String(data);
        var sb = new StringBuilder().Append("-----BEGIN ").Append(type).Append("-----\n");
        for (var i = 0; i < base64.Length; i += 64)
        {
            sb.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }
        return sb.Append("-----END ").Append(type).Append("-----\n").ToString();
    }

    /// <summary>A block around text that is not base64 (the deterministic stand-ins' bodies).</summary>
    public static string Wrap(string type, string body) => $"-----BEGIN {type}-----\n{body}\n-----END {type}-----\n";

    /// <summary>The first well-formed block in the text, or null.</summary>
    public static (string Type, byte[] Data)? Decode(string text)
    {
        var search = 0;
        while (true)
        {
            var begin = text.IndexOf("-----BEGIN ", search, StringComparison.Ordinal);
            if (begin < 0)
            {
                return null;
            }
            search = begin + 11;
            var typeEnd = text.IndexOf("-----", search, StringComparison.Ordinal);
            if (typeEnd < 0)
            {
                return null;
            }
            var type = text[search..typeEnd];
            var bodyStart = typeEnd + 5;
            if (type.Contains('\n') || bodyStart >= text.Length || text[bodyStart] is not ('\n' or '\r'))
            {
                continue;
            }
            var endMarker = "-----END " + type + "-----";
            var end = text.IndexOf(endMarker, bodyStart, StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }
            var body = text[bodyStart..end];
            if (body.Contains(':', StringComparison.Ordinal))
            {
                // Headers (Proc-Type and the like) are not part of the data.
                var blank = body.IndexOf("\n\n", StringComparison.Ordinal);
                body = blank >= 0 ? body[(blank + 2)..] : body;
            }
            var compact = new string([.. body.Where(c => !char.IsWhiteSpace(c))]);
            try
            {
                return (type, Convert.FromBase64String(compact));
            }
            catch (FormatException)
            {
                continue;
            }
        }
    }
}
