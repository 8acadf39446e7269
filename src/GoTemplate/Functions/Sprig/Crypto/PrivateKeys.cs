using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>A private key as Sprig handles it: RSA, DSA, ECDSA, or an Ed25519 seed.</summary>
public sealed record PrivateKey(AsymmetricAlgorithm? Algorithm, byte[]? Ed25519Seed = null) : IDisposable
{
    public void Dispose() => Algorithm?.Dispose();

    /// <summary>The PEM Sprig writes: PKCS#1 <c>RSA PRIVATE KEY</c>, <c>DSA PRIVATE KEY</c>, SEC 1 <c>EC PRIVATE KEY</c>, else PKCS#8.</summary>
    public string ToPem() => Algorithm switch
    {
        RSA rsa => Pem.Encode("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()),
        DSA dsa => Pem.Encode("DSA PRIVATE KEY", PrivateKeys.EncodeDsa(dsa.ExportParameters(true))),
        ECDsa ec => Pem.Encode("EC PRIVATE KEY", ec.ExportECPrivateKey()),
        _ => Pem.Encode("PRIVATE KEY", PrivateKeys.Ed25519Pkcs8(Ed25519Seed!)),
    };

    /// <summary>Go's name for the key's type, as its error texts show it.</summary>
    public string GoTypeName => Algorithm switch
    {
        RSA => "*rsa.PrivateKey",
        DSA => "*dsa.PrivateKey",
        ECDsa => "*ecdsa.PrivateKey",
        _ => "ed25519.PrivateKey",
    };
}

/// <summary>Generating and reading the private keys of <c>genPrivateKey</c> and the <c>…WithKey</c> functions.</summary>
public static class PrivateKeys
{
    // The PKCS#8 prefix of an Ed25519 key: version 0, algorithm 1.3.101.112, then the 32-byte seed as an octet string.
    private static readonly byte[] Ed25519Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    /// <summary>
    /// <c>genPrivateKey</c>: a new key as PEM — RSA 4096 for "" and <c>rsa</c>, DSA L2048/N256, ECDSA P-256, Ed25519 —
    /// or Sprig's <c>Unknown type …</c> text.
    /// </summary>
    public static string Generate(string type)
    {
        PrivateKey key;
        try
        {
            key = type switch
            {
                "" or "rsa" => new PrivateKey(RsaKeyPool.Take(4096)),
                "dsa" => new PrivateKey(DSA.Create(2048)),
                "ecdsa" => new PrivateKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)),
                "ed25519" => new PrivateKey(null, RandomNumberGenerator.GetBytes(32)),
                _ => throw new ArgumentException("Unknown type " + type),
            };
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        catch (CryptographicException e)
        {
            return (type == "dsa" ? "failed to generate dsa params: " : "failed to generate private key: ") + e.Message;
        }
        using (key)
        {
            return key.ToPem();
        }
    }

    public static byte[] Ed25519Pkcs8(byte[] seed) => [.. Ed25519Prefix, .. seed];

    /// <summary>The DSA key format OpenSSL and Sprig use: a sequence of version 0, P, Q, G, Y and X.</summary>
    public static byte[] EncodeDsa(DSAParameters p)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(0);
            foreach (var value in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
            {
                writer.WriteInteger(new BigInteger(value, isUnsigned: true, isBigEndian: true));
            }
        }
        return writer.Encode();
    }

    /// <summary>Reads a PEM private key as Sprig does; failures carry Sprig's texts.</summary>
    public static PrivateKey Parse(string pem)
    {
        var block = Pem.Decode(pem) ?? throw new FunctionException("no PEM data in input");
        var (type, data) = block;
        if (type == "PRIVATE KEY")
        {
            return Guard("decoding PEM as PKCS#8: ", () => ParsePkcs8(data));
        }
        if (!type.EndsWith(" PRIVATE KEY", StringComparison.Ordinal))
        {
            throw new FunctionException("no private key data in PEM block of type " + type);
        }
        return type[..^12] switch
        {
            "RSA" => Guard("parsing RSA private key from PEM: ", () =>
            {
                var rsa = RSA.Create();
                rsa.ImportRSAPrivateKey(data, out _);
                return new PrivateKey(rsa);
            }),
            "EC" => Guard("parsing EC private key from PEM: ", () =>
            {
                var ec = ECDsa.Create();
                ec.ImportECPrivateKey(data, out _);
                return new PrivateKey(ec);
            }),
            "DSA" => Guard("parsing DSA private key from PEM: ", () => new PrivateKey(DecodeDsa(data))),
            _ => throw new FunctionException("invalid private key type " + type),
        };
    }

    private static PrivateKey Guard(string prefix, Func<PrivateKey> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException or ArgumentException or FormatException)
        {
            throw new FunctionException(prefix + e.Message);
        }
    }

    private static PrivateKey ParsePkcs8(byte[] data)
    {
        if (data.Length == Ed25519Prefix.Length + 32 && data.AsSpan(0, Ed25519Prefix.Length).SequenceEqual(Ed25519Prefix))
        {
            return new PrivateKey(null, data[Ed25519Prefix.Length..]);
        }
        var info = Pkcs8Algorithm(data);
        AsymmetricAlgorithm key = info switch
        {
            "1.2.840.113549.1.1.1" => RSA.Create(),
            "1.2.840.10045.2.1" => ECDsa.Create(),
            _ => throw new CryptographicException($"x509: PKCS#8 wrapping contained private key with unknown algorithm: {info}"),
        };
        key.ImportPkcs8PrivateKey(data, out _);
        return new PrivateKey(key);
    }

    private static string Pkcs8Algorithm(byte[] data)
    {
        var reader = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
        reader.ReadInteger();
        return reader.ReadSequence().ReadObjectIdentifier();
    }

    private static DSA DecodeDsa(byte[] data)
    {
        var reader = new AsnReader(data, AsnEncodingRules.BER).ReadSequence();
        reader.ReadInteger();
        byte[] Next() => reader.ReadInteger().ToByteArray(isUnsigned: true, isBigEndian: true);
        var (p, q, g, y, x) = (Next(), Next(), Next(), Next(), Next());
        var dsa = DSA.Create();
        dsa.ImportParameters(new DSAParameters { P = p, Q = Pad(q, q.Length), G = Pad(g, p.Length), Y = Pad(y, p.Length), X = Pad(x, q.Length) });
        return dsa;
    }

    // DSA parameters must be given at their full widths.
    private static byte[] Pad(byte[] value, int length) =>
        value.Length >= length ? value : [.. new byte[length - value.Length], .. value];
}
