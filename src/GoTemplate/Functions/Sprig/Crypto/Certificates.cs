using System.Collections;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// X.509 certificates as Sprig makes them: a random 128-bit serial, the common name as subject, validity from now
/// for the given days, key usage (digital signature, key encipherment, and certificate signing for a CA), server
/// and client authentication, basic constraints, and the IP and DNS subject alternative names.
/// </summary>
internal sealed class Certificates(TimeProvider clock)
{
    public const string TypeName = "sprig.certificate";

    /// <summary>Sprig's result object, with the certificate and key PEM as <c>.Cert</c> and <c>.Key</c>.</summary>
    public static GoStruct Result(string typeName, string cert, string key) =>
        new GoStruct(typeName).Field("Cert", cert).Field("Key", key);

    /// <summary><c>buildCustomCert</c>: a certificate object from a base64 certificate PEM and key PEM, both checked.</summary>
    public static GoStruct FromBase64(string certificateBase64, string keyBase64)
    {
        if (GoBase64.Decode(certificateBase64, out var certificateBytes) is not null)
        {
            throw new FunctionException("unable to decode base64 certificate");
        }
        if (GoBase64.Decode(keyBase64, out var keyBytes) is not null)
        {
            throw new FunctionException("unable to decode base64 private key");
        }
        var certificate = System.Text.Encoding.UTF8.GetString(certificateBytes);
        var key = System.Text.Encoding.UTF8.GetString(keyBytes);
        var block = Pem.Decode(certificate) ?? throw new FunctionException("unable to decode certificate");
        try
        {
            X509CertificateLoader.LoadCertificate(block.Data).Dispose();
        }
        catch (CryptographicException e)
        {
            throw new FunctionException("error parsing certificate: decodedCert.Bytes: " + e.Message);
        }
        try
        {
            PrivateKeys.Parse(key).Dispose();
        }
        catch (FunctionException e)
        {
            throw new FunctionException("error parsing private key: " + e.Message);
        }
        return Result(TypeName, certificate, key);
    }

    public GoStruct CreateCa(string cn, long days, PrivateKey key) =>
        Create(cn, [], [], days, key, issuer: null, isCa: true);

    public GoStruct CreateSelfSigned(string cn, IList? ips, IList? dns, long days, PrivateKey key)
    {
        var (addresses, names) = AlternativeNames(ips, dns);
        return Create(cn, addresses, names, days, key, issuer: null, isCa: false);
    }

    public GoStruct CreateSigned(string cn, IList? ips, IList? dns, long days, IGoObject ca, PrivateKey key)
    {
        var caCert = ca.TryGetField("Cert", out var c) && c is string cs ? cs : "";
        var caKey = ca.TryGetField("Key", out var k) && k is string ks ? ks : "";
        var block = Pem.Decode(caCert) ?? throw new FunctionException("unable to decode certificate");
        X509Certificate2 signer;
        try
        {
            signer = X509CertificateLoader.LoadCertificate(block.Data);
        }
        catch (CryptographicException e)
        {
            throw new FunctionException("error parsing certificate: decodedSignerCert.Bytes: " + e.Message);
        }
        PrivateKey signerKey;
        try
        {
            signerKey = PrivateKeys.Parse(caKey);
        }
        catch (FunctionException e)
        {
            throw new FunctionException("error parsing private key: " + e.Message);
        }
        var (addresses, names) = AlternativeNames(ips, dns);
        using (signer)
        using (signerKey)
        {
            var skid = signer.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return Create(cn, addresses, names, days, key, (signer.SubjectName, signerKey, skid), isCa: false);
        }
    }

    private GoStruct Create(
        string cn, List<IPAddress> ips, List<string> dns, long days, PrivateKey key,
        (X500DistinguishedName Name, PrivateKey Key, X509SubjectKeyIdentifierExtension? KeyId)? issuer, bool isCa)
    {
        var subject = SubjectOf(cn);
        var signingKey = issuer?.Key ?? key;
        var generator = signingKey.Algorithm switch
        {
            RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
            DSA => throw new FunctionException("error creating certificate: x509: certificate private key does not implement crypto.Signer"),
            _ => new Ed25519SignatureGenerator(signingKey.Ed25519Seed!),
        };
        var publicKey = key.Algorithm switch
        {
            RSA rsa => new PublicKey(rsa),
            ECDsa ec => new PublicKey(ec),
            null => Ed25519SignatureGenerator.PublicKeyOf(key.Ed25519Seed!),
            _ => throw new FunctionException($"error creating certificate: x509: unsupported public key type: {key.GoTypeName.Replace("Private", "Public", StringComparison.Ordinal)}"),
        };
        var request = new CertificateRequest(subject, publicKey, HashFor(signingKey));
        var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | (isCa ? X509KeyUsageFlags.KeyCertSign : 0);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, critical: true));
        if (isCa)
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(publicKey, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false));
        }
        if (issuer is { KeyId: { } keyId } && !issuer.Value.Name.RawData.AsSpan().SequenceEqual(subject.RawData))
        {
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(keyId));
        }
        if (ips.Count + dns.Count > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            dns.ForEach(san.AddDnsName);
            ips.ForEach(san.AddIpAddress);
            request.CertificateExtensions.Add(san.Build());
        }
        var now = clock.GetUtcNow();
        try
        {
            var serial = RandomNumberGenerator.GetBytes(16);
            using var certificate = request.Create(issuer?.Name ?? subject, generator, now, now.AddDays(days), serial);
            return Result(TypeName, Pem.Encode("CERTIFICATE", certificate.RawData), key.ToPem());
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new FunctionException("error creating certificate: " + e.Message);
        }
    }

    private static HashAlgorithmName HashFor(PrivateKey key) => key.Algorithm switch
    {
        ECDsa { KeySize: > 384 } => HashAlgorithmName.SHA512,
        ECDsa { KeySize: > 256 } => HashAlgorithmName.SHA384,
        _ => HashAlgorithmName.SHA256,
    };

    private static X500DistinguishedName SubjectOf(string cn)
    {
        var builder = new X500DistinguishedNameBuilder();
        if (cn.Length > 0)
        {
            // Go writes a PrintableString where the characters allow it, else a UTF8String.
            var printable = cn.All(c => char.IsAsciiLetterOrDigit(c) || " '()+,-./:=?".Contains(c, StringComparison.Ordinal));
            builder.Add("2.5.4.3", cn, printable ? System.Formats.Asn1.UniversalTagNumber.PrintableString : System.Formats.Asn1.UniversalTagNumber.UTF8String);
        }
        return builder.Build();
    }

    private static (List<IPAddress>, List<string>) AlternativeNames(IList? ips, IList? dns)
    {
        var addresses = new List<IPAddress>();
        foreach (var ip in ips ?? Array.Empty<object>())
        {
            if (ip is not string text)
            {
                throw new FunctionException($"error parsing ip: {GoFormat.Value(ip)} is not a string");
            }
            addresses.Add(ParseIp(text) ?? throw new FunctionException("error parsing ip: " + text));
        }
        var names = new List<string>();
        foreach (var name in dns ?? Array.Empty<object>())
        {
            names.Add(name as string ?? throw new FunctionException($"error processing alternate dns name: {GoFormat.Value(name)} is not a string"));
        }
        return (addresses, names);
    }

    /// <summary>Go's <c>net.ParseIP</c>: dotted decimal IPv4 without leading zeros, or IPv6 without a zone.</summary>
    public static IPAddress? ParseIp(string text)
    {
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return !text.Contains('%', StringComparison.Ordinal) && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
                ? v6
                : null;
        }
        var parts = text.Split('.');
        if (parts.Length != 4 || parts.Any(p => p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0') || int.Parse(p, System.Globalization.CultureInfo.InvariantCulture) > 255))
        {
            return null;
        }
        return IPAddress.Parse(text);
    }
}

/// <summary>Signs certificates with an Ed25519 key (algorithm 1.3.101.112, no parameters, no separate hash).</summary>
internal sealed class Ed25519SignatureGenerator(byte[] seed) : X509SignatureGenerator
{
    // The DER AlgorithmIdentifier: SEQUENCE { OBJECT IDENTIFIER 1.3.101.112 }.
    private static readonly byte[] Identifier = [0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70];

    // The DER SubjectPublicKeyInfo prefix: the algorithm identifier, then a 33-byte bit string (no unused bits).
    private static readonly byte[] SpkiPrefix = [0x30, 0x2a, .. Identifier, 0x03, 0x21, 0x00];

    public static PublicKey PublicKeyOf(byte[] seed) =>
        PublicKey.CreateFromSubjectPublicKeyInfo([.. SpkiPrefix, .. Crypto.Ed25519.PublicKey(seed)], out _);

    public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => [.. Identifier];

    public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm) => Crypto.Ed25519.Sign(seed, data);

    protected override PublicKey BuildPublicKey() => PublicKeyOf(seed);
}
