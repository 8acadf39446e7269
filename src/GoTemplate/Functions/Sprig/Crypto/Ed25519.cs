using System.Numerics;
using System.Security.Cryptography;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// Ed25519 (RFC 8032) public keys and signatures from a 32-byte seed, for certificates made with Ed25519 keys.
/// Arithmetic is plain big-integer math over the curve's extended coordinates: correct, not constant-time.
/// </summary>
public static class Ed25519
{
    private static readonly BigInteger P = (BigInteger.One << 255) - 19;
    private static readonly BigInteger L = (BigInteger.One << 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inverse(121666));
    private static readonly BigInteger SqrtMinusOne = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point Base = BasePoint();

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);

    /// <summary>The 32-byte public key of a seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed) => Encode(Multiply(Base, SecretScalar(SHA512.HashData(seed))));

    /// <summary>The 64-byte signature of a message.</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var h = SHA512.HashData(seed);
        var a = SecretScalar(h);
        var publicKey = Encode(Multiply(Base, a));
        var r = Reduce(SHA512.HashData([.. h.AsSpan(32, 32), .. message]));
        var rEncoded = Encode(Multiply(Base, r));
        var k = Reduce(SHA512.HashData([.. rEncoded, .. publicKey, .. message]));
        var s = (r + (k * a)) % L;
        return [.. rEncoded, .. Little(s)];
    }

    private static BigInteger SecretScalar(byte[] h)
    {
        var scalar = h[..32];
        scalar[0] &= 248;
        scalar[31] &= 127;
        scalar[31] |= 64;
        return new BigInteger(scalar, isUnsigned: true);
    }

    private static BigInteger Reduce(byte[] hash) => new BigInteger(hash, isUnsigned: true) % L;

    private static byte[] Little(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return bytes;
    }

    private static BigInteger Mod(BigInteger x) => ((x % P) + P) % P;

    private static BigInteger Inverse(BigInteger x) => BigInteger.ModPow(Mod(x), P - 2, P);

    private static Point Add(Point a, Point b)
    {
        var pa = Mod((a.Y - a.X) * (b.Y - b.X));
        var pb = Mod((a.Y + a.X) * (b.Y + b.X));
        var c = Mod(a.T * 2 * D * b.T);
        var d = Mod(a.Z * 2 * b.Z);
        var (e, f, g, h) = (pb - pa, d - c, d + c, pb + pa);
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, point);
            }
            point = Add(point, point);
            scalar >>= 1;
        }
        return result;
    }

    private static byte[] Encode(Point point)
    {
        var zInverse = Inverse(point.Z);
        var x = Mod(point.X * zInverse);
        var y = Mod(point.Y * zInverse);
        var bytes = Little(y);
        bytes[31] |= (byte)(x.IsEven ? 0 : 0x80);
        return bytes;
    }

    // The base point: y = 4/5 and the even x on the curve.
    private static Point BasePoint()
    {
        var y = Mod(4 * Inverse(5));
        var xx = Mod((y * y - 1) * Inverse((D * y * y) + 1));
        var x = BigInteger.ModPow(xx, (P + 3) / 8, P);
        if (Mod((x * x) - xx) != 0)
        {
            x = Mod(x * SqrtMinusOne);
        }
        if (!x.IsEven)
        {
            x = P - x;
        }
        return new Point(x, y, 1, Mod(x * y));
    }
}
