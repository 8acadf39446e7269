using GitOpsHQ.GoTemplate.Values;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>Digests of a string's UTF-8 bytes: hexadecimal SHA-1/SHA-256/SHA-512, and Adler-32 in decimal.</summary>
    private static IEnumerable<GoFunction> Hashes() =>
    [
        OfText("sha1sum", s => Hex(SHA1.HashData(GoStrings.Bytes(s)))),
        OfText("sha256sum", s => Hex(SHA256.HashData(GoStrings.Bytes(s)))),
        OfText("sha512sum", s => Hex(SHA512.HashData(GoStrings.Bytes(s)))),
        OfText("adler32sum", s => Adler32(GoStrings.Bytes(s)).ToString(CultureInfo.InvariantCulture)),
    ];

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>The Adler-32 checksum (RFC 1950).</summary>
    internal static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Modulus = 65521;
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % Modulus;
            b = (b + a) % Modulus;
        }
        return (b << 16) | a;
    }
}
