using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private const string Letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string Digits = "0123456789";

    /// <summary>What <c>uuidv4</c> gives in deterministic mode.</summary>
    internal const string FixedUuid = "00000000-0000-4000-8000-000000000000";

    /// <summary>
    /// Random strings, bytes, integers and UUIDs from a cryptographic source (a negative length gives ""), and
    /// <c>getHostByName</c>, which never resolves a name from a template and gives "". In deterministic mode they give
    /// fixed stand-ins: "x" or "0" repeated, zero bytes, the lower bound, the input unshuffled, a fixed UUID.
    /// </summary>
    private static IEnumerable<GoFunction> Random(SprigOptions options) => options.Deterministic
        ?
        [
            Fn("randAlphaNum", [I], S, (_, a) => Repeated("x", Int(a[0]))),
            Fn("randAlpha", [I], S, (_, a) => Repeated("x", Int(a[0]))),
            Fn("randAscii", [I], S, (_, a) => Repeated("x", Int(a[0]))),
            Fn("randNumeric", [I], S, (_, a) => Repeated("0", Int(a[0]))),
            Fn("randBytes", [I], S, (_, a) => Convert.ToBase64String(new byte[Math.Max(0, Int(a[0]))])),
            Fn("randInt", [I, I], I, (_, a) => a[0]),
            Fn("uuidv4", [], S, (_, _) => FixedUuid),
            OfText("shuffle", s => s),
            OfText("getHostByName", _ => ""),
        ]
        :
        [
            Fn("randAlphaNum", [I], S, (_, a) => RandomText(Letters + Digits, Int(a[0]))),
            Fn("randAlpha", [I], S, (_, a) => RandomText(Letters, Int(a[0]))),
            Fn("randAscii", [I], S, (_, a) => RandomText(Printable, Int(a[0]))),
            Fn("randNumeric", [I], S, (_, a) => RandomText(Digits, Int(a[0]))),
            Fn("randBytes", [I], S, (_, a) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(ByteCount(Int(a[0]))))),
            Fn("randInt", [I, I], I, (_, a) => RandomInt((nint)a[0]!, (nint)a[1]!)),
            Fn("uuidv4", [], S, (_, _) => Guid.NewGuid().ToString("D")),
            OfText("shuffle", Shuffle),
            OfText("getHostByName", _ => ""),
        ];

    /// <summary>The printable ASCII characters, space to tilde, that <c>randAscii</c> draws from.</summary>
    private static readonly string Printable = new([.. Enumerable.Range(32, 95).Select(c => (char)c)]);

    private static string Repeated(string s, int n)
    {
        RequireLength((long)n * s.Length);
        return n <= 0 ? "" : string.Concat(Enumerable.Repeat(s, n));
    }

    private static string RandomText(string alphabet, int count)
    {
        RequireLength(count);
        return count <= 0 ? "" : RandomNumberGenerator.GetString(alphabet, count);
    }

    private static int ByteCount(int count)
    {
        RequireLength(count / 3L * 4);
        return count >= 0 ? count : throw new FunctionException("runtime error: makeslice: len out of range");
    }

    // Go's rand.Intn(max-min)+min, which panics unless max > min.
    private static nint RandomInt(nint min, nint max)
    {
        var span = unchecked((long)max - min);
        if (span <= 0)
        {
            throw new FunctionException("invalid argument to Intn");
        }
        return (nint)(min + System.Random.Shared.NextInt64(span));
    }

    /// <summary>The characters (code points) of a string in a random order.</summary>
    private static string Shuffle(string s)
    {
        var runes = s.EnumerateRunes().ToArray();
        System.Random.Shared.Shuffle(runes);
        var sb = new StringBuilder(s.Length);
        foreach (var r in runes)
        {
            sb.Append(r.ToString());
        }
        return sb.ToString();
    }
}
