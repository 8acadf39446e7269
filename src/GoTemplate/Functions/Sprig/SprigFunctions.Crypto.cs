using System.Collections;
using System.Text;
using GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>
    /// Sprig's crypto functions: bcrypt and htpasswd, Master Password's <c>derivePassword</c>, private keys, CA,
    /// self-signed and CA-signed certificates (objects with <c>.Cert</c> and <c>.Key</c>, also built from existing
    /// PEM with <c>buildCustomCert</c>), and AES text encryption.
    /// In deterministic mode the generating functions give fixed stand-ins instead.
    /// </summary>
    private static IEnumerable<GoFunction> Crypto(SprigOptions options)
    {
        var certificate = GoType.Named(Certificates.TypeName);
        IEnumerable<GoFunction> shared =
        [
            Fn("derivePassword", [GoType.NamedInteger("uint32"), S, S, S, S], S, (_, a) =>
                MasterPassword.Derive(Uint32(a[0]), (string)a[1]!, (string)a[2]!, (string)a[3]!, (string)a[4]!)),
            Text2("decryptAES", S, AesText.Decrypt),
            Fn("buildCustomCert", [S, S], certificate, (_, a) => Certificates.FromBase64((string)a[0]!, (string)a[1]!)),
        ];
        if (options.Deterministic)
        {
            return [.. shared, .. DeterministicCrypto()];
        }
        var certificates = new Certificates(options.TimeProvider);
        return
        [
            .. shared,
            OfText("bcrypt", s => Bcrypt.Hash(s)),
            Text2("htpasswd", S, (user, password) => user.Contains(':') ? "invalid username: " + user : user + ":" + Bcrypt.Hash(password)),
            OfText("genPrivateKey", PrivateKeys.Generate),
            Text2("encryptAES", S, AesText.Encrypt),
            Fn("genCA", [S, I], certificate, (_, a) => Using(NewCertificateKey(), key => certificates.CreateCa((string)a[0]!, (nint)a[1]!, key))),
            Fn("genCAWithKey", [S, I, S], certificate, (_, a) => Using(GivenKey(a[2]), key => certificates.CreateCa((string)a[0]!, (nint)a[1]!, key))),
            Fn("genSelfSignedCert", [S, L, L, I], certificate, (_, a) =>
                Using(NewCertificateKey(), key => certificates.CreateSelfSigned((string)a[0]!, (IList?)a[1], (IList?)a[2], (nint)a[3]!, key))),
            Fn("genSelfSignedCertWithKey", [S, L, L, I, S], certificate, (_, a) =>
                Using(GivenKey(a[4]), key => certificates.CreateSelfSigned((string)a[0]!, (IList?)a[1], (IList?)a[2], (nint)a[3]!, key))),
            Fn("genSignedCert", [S, L, L, I, certificate], certificate, (_, a) =>
                Using(NewCertificateKey(), key => certificates.CreateSigned((string)a[0]!, (IList?)a[1], (IList?)a[2], (nint)a[3]!, (IGoObject)a[4]!, key))),
            Fn("genSignedCertWithKey", [S, L, L, I, certificate, S], certificate, (_, a) =>
                Using(GivenKey(a[5]), key => certificates.CreateSigned((string)a[0]!, (IList?)a[1], (IList?)a[2], (nint)a[3]!, (IGoObject)a[4]!, key))),
        ];
    }

    private static GoStruct Using(PrivateKey key, Func<PrivateKey, GoStruct> create)
    {
        using (key)
        {
            return create(key);
        }
    }

    private static PrivateKey NewCertificateKey() => new(RsaKeyPool.Take(2048));

    private static PrivateKey GivenKey(object? pem)
    {
        try
        {
            return PrivateKeys.Parse((string)pem!);
        }
        catch (FunctionException e)
        {
            throw new FunctionException("parsing private key: " + e.Message);
        }
    }

    // derivePassword's counter is a Go uint32: a uint32 value, or an integer constant, which Go truncates to 32 bits.
    private static uint Uint32(object? value) => value switch
    {
        uint n => n,
        long n when n >= 0 => unchecked((uint)n),
        _ => throw new FunctionException($"expected unsigned integer; found {GoFormat.Value(value)}"),
    };

    /// <summary>The deterministic stand-ins: fixed PEM-shaped texts that name their inputs.</summary>
    private static IEnumerable<GoFunction> DeterministicCrypto()
    {
        const string StubType = "main.stubCert";
        var stub = GoType.Named(StubType);
        static string FakeKey(string tag) => Pem.Wrap("RSA PRIVATE KEY", "FAKE-KEY:" + tag);
        static string Listed(object? list) => list is null ? "[]" : GoFormat.Value(list);
        static string Self(object?[] a) => Pem.Wrap("CERTIFICATE", $"FAKE-SELF:{a[0]}:{Listed(a[1])}:{Listed(a[2])}:{a[3]}");
        static string Signed(object?[] a) => Pem.Wrap("CERTIFICATE", $"FAKE-SIGNED:{a[0]}:{Listed(a[1])}:{Listed(a[2])}:{a[3]}");
        static string Ca(object?[] a) => Pem.Wrap("CERTIFICATE", $"FAKE-CA:{a[0]}:{a[1]}");
        return
        [
            OfText("bcrypt", s => "$2a$10$FAKEBCRYPT:" + s),
            Text2("htpasswd", S, (user, password) => user.Contains(':') ? "invalid username: " + user : user + ":$2a$10$FAKEBCRYPT:" + password),
            Text2("encryptAES", S, (_, text) => Convert.ToBase64String(Encoding.UTF8.GetBytes("FAKE-AES:" + text))),
            OfText("genPrivateKey", type => type switch
            {
                "" or "rsa" => Pem.Wrap("RSA PRIVATE KEY", "FAKE-KEY:rsa"),
                "dsa" => Pem.Wrap("DSA PRIVATE KEY", "FAKE-KEY:dsa"),
                "ecdsa" => Pem.Wrap("EC PRIVATE KEY", "FAKE-KEY:ecdsa"),
                "ed25519" => Pem.Wrap("PRIVATE KEY", "FAKE-KEY:ed25519"),
                _ => "Unknown type " + type,
            }),
            Fn("genCA", [S, I], stub, (_, a) => Certificates.Result(StubType, Ca(a), FakeKey("ca:" + a[0]))),
            Fn("genCAWithKey", [S, I, S], stub, (_, a) => Certificates.Result(StubType, Ca(a), (string)a[2]!)),
            Fn("genSelfSignedCert", [S, L, L, I], stub, (_, a) => Certificates.Result(StubType, Self(a), FakeKey("self:" + a[0]))),
            Fn("genSelfSignedCertWithKey", [S, L, L, I, S], stub, (_, a) => Certificates.Result(StubType, Self(a), (string)a[4]!)),
            Fn("genSignedCert", [S, L, L, I, A], stub, (_, a) => Certificates.Result(StubType, Signed(a), FakeKey("signed:" + a[0]))),
            Fn("genSignedCertWithKey", [S, L, L, I, A, S], stub, (_, a) => Certificates.Result(StubType, Signed(a), (string)a[5]!)),
        ];
    }
}
