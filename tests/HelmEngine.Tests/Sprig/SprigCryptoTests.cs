// Expected texts and vectors are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions) and of the RFCs.
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using GitOpsHQ.GoTemplate.Functions.Sprig;
using GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's crypto functions, checked by verifying what they produce, never by comparing random output.</summary>
public class SprigCryptoTests
{
    [Theory]
    [InlineData("password", "NaCl", 1024, 8, 16, "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")]
    [InlineData("", "", 16, 1, 1, "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")]
    public void Scrypt_matches_rfc_7914(string password, string salt, int n, int r, int p, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), Encoding.UTF8.GetBytes(salt), n, r, p, 64)));

    [Fact]
    public void Scrypt_rejects_a_cost_that_is_not_a_power_of_two() =>
        Assert.Throws<ArgumentException>(() => Scrypt.DeriveKey([], [], 1000, 8, 1, 64));

    [Theory]
    [InlineData("{{ derivePassword 1 \"long\" \"password\" \"user\" \"example.com\" }}", "ZedaFaxcZaso9*")]
    [InlineData("{{ derivePassword 3 \"maximum\" \"pässword\" \"ünïcode\" \"site.org\" }}", "X1'@EY!^WA%uQJzQH#dH")]
    [InlineData("{{ derivePassword 1 \"pin\" \"\" \"\" \"\" }} {{ derivePassword 1 \"bogus\" \"a\" \"b\" \"c\" }}", "1578 cannot find password template bogus")]
    public void DerivePassword_follows_master_password(string template, string expected) =>
        Assert.Equal(expected, SprigEngine.Render(template));

    [Fact]
    public void DerivePassword_needs_an_unsigned_counter()
    {
        Assert.EndsWith("wrong type for value; expected uint32; got float64", SprigEngine.Error("{{ derivePassword .f \"pin\" \"a\" \"b\" \"c\" }}"));
        Assert.EndsWith("wrong type for value; expected uint32; got int", SprigEngine.Error("{{ derivePassword .I \"pin\" \"a\" \"b\" \"c\" }}"));
        Assert.EndsWith("expected unsigned integer; found -1", SprigEngine.Error("{{ derivePassword -1 \"pin\" \"a\" \"b\" \"c\" }}"));
    }

    [Theory]
    [InlineData("U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW")]
    [InlineData("correct horse", "$2a$04$tr1fxdjCQMbHhJNbN/oU8uk.3BohjDF1EY/d18sjMtl1tDkOTlJyC")]
    [InlineData("ünïcode pässword that is long enough to go beyond the seventy two byte limit of bcrypt!!", "$2a$05$9eD10rpIEnqITOiM8sN6jeawkVSRcxJu55J6sL/RfuuG9/v6JZMhG")]
    public void Bcrypt_verifies_hashes_made_by_go(string password, string hash)
    {
        Assert.True(Bcrypt.Verify(password, hash));
        Assert.False(Bcrypt.Verify("x" + password, hash));
    }

    [Fact]
    public void Bcrypt_and_htpasswd_hash_with_cost_10_and_a_fresh_salt()
    {
        var output = SprigEngine.Render("{{ bcrypt \"s3cret\" }}|{{ bcrypt \"s3cret\" }}|{{ htpasswd \"admin\" \"pw\" }}|{{ htpasswd \"a:b\" \"pw\" }}").Split('|');
        Assert.Matches(@"^\$2a\$10\$[./A-Za-z0-9]{53}$", output[0]);
        Assert.NotEqual(output[0], output[1]);
        Assert.True(Bcrypt.Verify("s3cret", output[0]) && Bcrypt.Verify("s3cret", output[1]));
        Assert.StartsWith("admin:$2a$10$", output[2]);
        Assert.True(Bcrypt.Verify("pw", output[2]["admin:".Length..]));
        Assert.Equal("invalid username: a:b", output[3]);
    }

    [Fact]
    public void EncryptAES_round_trips_and_decryptAES_reads_helms_ciphertext()
    {
        Assert.Equal("hello world, this is Helm",
            SprigEngine.Render("{{ decryptAES \"secretkey\" \"mJ8HVvR9CSpjFtTaS5evjnyFJ0pk0d+rccEx3I1Zk5fEgN3f+uarUAvYK62Gu0EG\" }}"));
        Assert.Equal("ünïcode",
            SprigEngine.Render("{{ decryptAES \"a-password-that-is-longer-than-thirty-two-bytes\" \"ybS8CJejZyHYGCj4KmyKQgxnxtROOq9+uHziibZBTis=\" }}"));
        Assert.Equal("a secret text of some length|[]|[]",
            SprigEngine.Render("{{ encryptAES \"pw\" \"a secret text of some length\" | decryptAES \"pw\" }}|[{{ encryptAES \"pw\" \"\" }}]|[{{ decryptAES \"pw\" \"\" }}]"));
        var a = SprigEngine.Render("{{ encryptAES \"pw\" \"same\" }}");
        Assert.NotEqual(a, SprigEngine.Render("{{ encryptAES \"pw\" \"same\" }}"));
        Assert.Equal(32, Convert.FromBase64String(a).Length);
    }

    [Theory]
    [InlineData("{{ decryptAES \"secret\" \"YWJj\" }}", "runtime error: slice bounds out of range [:16] with capacity 3")]
    [InlineData("{{ decryptAES \"secret\" \"AAAAAAAAAAAAAAAAAAAAAA==\" }}", "runtime error: index out of range [-1]")]
    [InlineData("{{ decryptAES \"secret\" \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\" }}", "runtime error: slice bounds out of range [:-205]")]
    [InlineData("{{ decryptAES \"secret\" \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\" }}", "crypto/cipher: input not full blocks")]
    [InlineData("{{ decryptAES \"secret\" \"%%%\" }}", "illegal base64 data at input byte 0")]
    public void DecryptAES_fails_on_malformed_input_as_go_does(string template, string expected) =>
        Assert.EndsWith(": " + expected, SprigEngine.CallError(template));

    [Fact]
    public void GenPrivateKey_writes_ecdsa_ed25519_and_dsa_keys_that_parse_back()
    {
        var ec = SprigEngine.Render("{{ genPrivateKey \"ecdsa\" }}");
        Assert.StartsWith("-----BEGIN EC PRIVATE KEY-----\n", ec);
        Assert.EndsWith("-----END EC PRIVATE KEY-----\n", ec);
        Assert.All(ec.Split('\n')[1..^2], line => Assert.True(line.Length <= 64));
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(ec);
        Assert.Equal(256, ecdsa.KeySize);

        var ed = SprigEngine.Render("{{ genPrivateKey \"ed25519\" }}");
        var edData = Pem.Decode(ed)!.Value;
        Assert.Equal("PRIVATE KEY", edData.Type);
        Assert.Equal(48, edData.Data.Length);
        Assert.Equal("302e020100300506032b657004220420", Convert.ToHexStringLower(edData.Data[..16]));

        var dsaPem = SprigEngine.Render("{{ genPrivateKey \"dsa\" }}");
        var key = PrivateKeys.Parse(dsaPem);
        var dsa = Assert.IsAssignableFrom<DSA>(key.Algorithm);
        var parameters = dsa.ExportParameters(true);
        Assert.Equal(256, parameters.P!.Length);
        Assert.Equal(32, parameters.Q!.Length);
        var signature = dsa.SignData("data"u8.ToArray(), HashAlgorithmName.SHA256);
        Assert.True(dsa.VerifyData("data"u8.ToArray(), signature, HashAlgorithmName.SHA256));
        Assert.Equal(dsaPem, key.ToPem());

        Assert.Equal("Unknown type x", SprigEngine.Render("{{ genPrivateKey \"x\" }}"));
    }

    [Fact]
    public void GenPrivateKey_writes_a_4096_bit_pkcs1_rsa_key()
    {
        var pem = SprigEngine.Render("{{ genPrivateKey \"rsa\" }}");
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", pem);
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        Assert.Equal(4096, rsa.KeySize);
    }

    [Fact]
    public void Key_generating_functions_give_a_new_key_every_time()
    {
        // Keys may be generated ahead of use; none is ever handed out twice, within a render or across renders.
        var keys = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var parts = SprigEngine.Render(
                "{{ $ca := genCA \"ca\" 1 }}{{ $self := genSelfSignedCert \"s\" nil nil 1 }}{{ $signed := genSignedCert \"t\" nil nil 1 $ca }}"
                + "{{ $ca.Key }}|{{ $self.Key }}|{{ $signed.Key }}").Split('|');
            foreach (var pem in parts)
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(pem);
                Assert.Equal(2048, rsa.KeySize);
            }
            keys.AddRange(parts);
        }

        Assert.Equal(18, keys.Distinct().Count());
    }

    [Fact]
    public void GenCA_and_genSignedCert_make_a_chain_that_verifies()
    {
        var output = SprigEngine.Render(
            "{{ $ca := genCA \"my-ca\" 365 }}{{ $cert := genSignedCert \"svc.example\" (list \"10.0.0.1\" \"::1\") (list \"svc.example\" \"svc\") 30 $ca }}"
            + "{{ printf \"%T\" $ca }}|{{ $ca.Cert }}|{{ $ca.Key }}|{{ $cert.Cert }}|{{ $cert.Key }}");
        var parts = output.Split('|');
        Assert.Equal("sprig.certificate", parts[0]);
        using var ca = X509Certificate2.CreateFromPem(parts[1], parts[2]);
        using var leaf = X509Certificate2.CreateFromPem(parts[3], parts[4]);

        Assert.Equal("CN=my-ca", ca.Subject);
        Assert.Equal(0x13, ca.SubjectName.RawData[^7]); // PrintableString, as Go writes a printable common name
        Assert.True(ca.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(365, (ca.NotAfter - ca.NotBefore).TotalDays, 3);
        Assert.Equal(2048, ca.GetRSAPublicKey()!.KeySize);

        Assert.Equal("CN=svc.example", leaf.Subject);
        Assert.Equal("CN=my-ca", leaf.Issuer);
        Assert.False(leaf.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
        Assert.Equal(30, (leaf.NotAfter - leaf.NotBefore).TotalDays, 3);
        var san = leaf.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.Equal(["svc.example", "svc"], san.EnumerateDnsNames());
        Assert.Equal(["10.0.0.1", "::1"], san.EnumerateIPAddresses().Select(ip => ip.ToString()));
        Assert.Equal(["1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"],
            leaf.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<Oid>().Select(o => o.Value));

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    /// <summary>A CA made by Helm (Go's crypto/x509, ECDSA P-256 key), valid for a century.</summary>
    private const string GoCaCert = """
        -----BEGIN CERTIFICATE-----
        MIIBgjCCASigAwIBAgIRAJfhkRthm1zC6qqkiy2W+nAwCgYIKoZIzj0EAwIwEDEO
        MAwGA1UEAxMFZ28tY2EwIBcNMjYxMTI0MDIwODU5WhgPMjEyNjEwMzEwMjA4NTla
        MBAxDjAMBgNVBAMTBWdvLWNhMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEJvki
        oyXSWU8GJMSWTlrB3w0d8KCNO8HWZXttfaqEW9b7+byqXFgXiHcHePb1u+c0CWD0
        6o8wf3vpT0cg3LZ8ZaNhMF8wDgYDVR0PAQH/BAQDAgKkMB0GA1UdJQQWMBQGCCsG
        AQUFBwMBBggrBgEFBQcDAjAPBgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBS/cnXL
        MyyUGnzB1A/3vge32IeGcTAKBggqhkjOPQQDAgNIADBFAiEA0ZOUZE7chM+uspD6
        seX+U8kJ+DDghzJra5Nx6rDIIawCICME9ImQYGWTmNQR7HZhLJNNgGs9jxUVXvuJ
        ttVJaQ27
        -----END CERTIFICATE-----

        """;

    private const string GoCaKey = """
        -----BEGIN EC PRIVATE KEY-----
        MHcCAQEEIPO/zCYtZUw/m4rBR318bpUSyIGDQZaWbi9LuVEhzez+oAoGCCqGSM49
        AwEHoUQDQgAEJvkioyXSWU8GJMSWTlrB3w0d8KCNO8HWZXttfaqEW9b7+byqXFgX
        iHcHePb1u+c0CWD06o8wf3vpT0cg3LZ8ZQ==
        -----END EC PRIVATE KEY-----

        """;

    [Fact]
    public void BuildCustomCert_takes_a_helm_made_ca_that_then_signs()
    {
        var data = new Dictionary<string, object?> { ["cert"] = GoCaCert.ReplaceLineEndings("\n"), ["key"] = GoCaKey.ReplaceLineEndings("\n") };
        var set = new GitOpsHQ.GoTemplate.TemplateSet(functions: new GitOpsHQ.GoTemplate.Functions.FunctionRegistry().IncludeSprig());
        set.Parse("t", "{{ $ca := buildCustomCert (b64enc .cert) (b64enc .key) }}{{ $leaf := genSignedCertWithKey \"leaf\" nil (list \"leaf.example\") 3 $ca (genPrivateKey \"ecdsa\") }}{{ $ca.Key }}|{{ $leaf.Cert }}");
        var parts = set.Execute("t", data).Split('|');
        Assert.Equal(GoCaKey.ReplaceLineEndings("\n"), parts[0]);
        using var ca = X509Certificate2.CreateFromPem(GoCaCert);
        using var leaf = X509Certificate2.CreateFromPem(parts[1]);
        Assert.Equal("CN=go-ca", leaf.Issuer);
        Assert.Equal(
            ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray(),
            leaf.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().Single().KeyIdentifier!.Value.ToArray());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(leaf), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
    }

    [Theory]
    [InlineData("{{ buildCustomCert \"!!\" \"YWJj\" }}", "unable to decode base64 certificate")]
    [InlineData("{{ buildCustomCert \"YWJj\" \"!!\" }}", "unable to decode base64 private key")]
    [InlineData("{{ buildCustomCert \"YWJj\" \"YWJj\" }}", "unable to decode certificate")]
    public void BuildCustomCert_errors(string template, string expected) =>
        Assert.EndsWith(": " + expected, SprigEngine.CallError(template));

    [Fact]
    public void A_common_name_beyond_printable_characters_is_utf8()
    {
        using var ca = X509Certificate2.CreateFromPem(SprigEngine.Render("{{ (genCAWithKey \"Grüße & co\" 1 (genPrivateKey \"ecdsa\")).Cert }}"));
        Assert.Equal("CN=Grüße & co", ca.Subject);
        Assert.Equal(0x0c, ca.SubjectName.RawData[^(Encoding.UTF8.GetByteCount("Grüße & co") + 2)]);
    }

    [Fact]
    public void Certificates_with_a_given_key_use_that_key()
    {
        var output = SprigEngine.Render(
            "{{ $key := genPrivateKey \"ecdsa\" }}{{ $ca := genCAWithKey \"ca\" 10 $key }}"
            + "{{ $self := genSelfSignedCertWithKey \"self\" nil (list \"a.example\") 5 $key }}"
            + "{{ $signed := genSignedCertWithKey \"leaf\" nil nil 5 $ca $key }}"
            + "{{ $key }}|{{ $ca.Cert }}|{{ $ca.Key }}|{{ $self.Cert }}|{{ $signed.Cert }}");
        var parts = output.Split('|');
        Assert.Equal(parts[0], parts[2]);
        using var key = ECDsa.Create();
        key.ImportFromPem(parts[0]);
        var publicKey = key.ExportSubjectPublicKeyInfo();
        foreach (var pem in parts[1..2].Concat(parts[3..]))
        {
            using var cert = X509Certificate2.CreateFromPem(pem);
            Assert.Equal(publicKey, cert.PublicKey.ExportSubjectPublicKeyInfo());
        }
        using var self = X509Certificate2.CreateFromPem(parts[3]);
        Assert.Equal("CN=self", self.Issuer);
        Assert.Equal(["a.example"], self.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames());
    }

    [Theory]
    [InlineData("", "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("sprig", "ba06da88809879be724be6ad373096c0d34a6018d2e9ea547dae2fde0951487b4d3f4efcb316ba7bc69370e98f5751aa1a606c1c4a4ca5105bd64fc7297ea402")]
    public void Ed25519_matches_rfc_8032_and_go(string message, string signature)
    {
        var seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Assert.Equal("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", Convert.ToHexStringLower(Ed25519.PublicKey(seed)));
        Assert.Equal(signature, Convert.ToHexStringLower(Ed25519.Sign(seed, Encoding.UTF8.GetBytes(message))));
    }

    [Fact]
    public void Ed25519_keys_make_and_sign_certificates()
    {
        var parts = SprigEngine.Render(
            "{{ $key := genPrivateKey \"ed25519\" }}{{ $ca := genCAWithKey \"ed-ca\" 5 $key }}"
            + "{{ $key }}|{{ $ca.Cert }}|{{ (genSignedCertWithKey \"leaf\" nil nil 5 $ca (genPrivateKey \"ecdsa\")).Cert }}").Split('|');
        var seed = Pem.Decode(parts[0])!.Value.Data[16..];
        using var ca = X509Certificate2.CreateFromPem(parts[1]);
        Assert.Equal("1.3.101.112", ca.SignatureAlgorithm.Value);
        Assert.Equal(Ed25519.PublicKey(seed), ca.PublicKey.EncodedKeyValue.RawData);
        using var leaf = X509Certificate2.CreateFromPem(parts[2]);
        Assert.Equal("CN=ed-ca", leaf.Issuer);
        Assert.Equal("1.3.101.112", leaf.SignatureAlgorithm.Value);
    }

    [Theory]
    [InlineData("{{ genCAWithKey \"a\" 1 \"junk\" }}", "parsing private key: no PEM data in input")]
    [InlineData("{{ genCAWithKey \"a\" 1 \"-----BEGIN FOO-----\\nYWJj\\n-----END FOO-----\\n\" }}", "parsing private key: no private key data in PEM block of type FOO")]
    [InlineData("{{ genSelfSignedCertWithKey \"a\" (list 1) nil 1 (genPrivateKey \"ecdsa\") }}", "error parsing ip: 1 is not a string")]
    [InlineData("{{ genSelfSignedCertWithKey \"a\" (list \"1.2.3\") nil 1 (genPrivateKey \"ecdsa\") }}", "error parsing ip: 1.2.3")]
    [InlineData("{{ genSelfSignedCertWithKey \"a\" nil (list 2) 1 (genPrivateKey \"ecdsa\") }}", "error processing alternate dns name: 2 is not a string")]
    [InlineData("{{ genCAWithKey \"a\" 1 (genPrivateKey \"dsa\") }}", "error creating certificate: x509: certificate private key does not implement crypto.Signer")]
    public void Certificate_errors(string template, string expected) =>
        Assert.EndsWith(": " + expected, SprigEngine.CallError(template));

    [Fact]
    public void GenSignedCert_takes_only_a_certificate() =>
        Assert.Contains("wrong type for value; expected sprig.certificate; got map[string]interface {}",
            SprigEngine.Error("{{ genSignedCert \"a\" nil nil 1 (dict \"Cert\" \"x\") }}"));

    [Theory]
    [InlineData("{{ bcrypt \"pw\" }} {{ htpasswd \"u\" \"p\" }} {{ htpasswd \"u:x\" \"p\" }}", "$2a$10$FAKEBCRYPT:pw u:$2a$10$FAKEBCRYPT:p invalid username: u:x")]
    [InlineData("{{ genPrivateKey \"ecdsa\" }}", "-----BEGIN EC PRIVATE KEY-----\nFAKE-KEY:ecdsa\n-----END EC PRIVATE KEY-----\n")]
    [InlineData("{{ (genCA \"ca\" 3).Cert }}{{ (genCA \"ca\" 3).Key }}", "-----BEGIN CERTIFICATE-----\nFAKE-CA:ca:3\n-----END CERTIFICATE-----\n-----BEGIN RSA PRIVATE KEY-----\nFAKE-KEY:ca:ca\n-----END RSA PRIVATE KEY-----\n")]
    [InlineData("{{ (genSignedCert \"x\" (list \"1.1.1.1\") nil 2 \"anything\").Cert }}", "-----BEGIN CERTIFICATE-----\nFAKE-SIGNED:x:[1.1.1.1]:[]:2\n-----END CERTIFICATE-----\n")]
    [InlineData("{{ (genSelfSignedCertWithKey \"x\" nil (list \"a\" \"b\") 2 \"K\").Key }} {{ printf \"%T\" (genCA \"a\" 1) }}", "K main.stubCert")]
    public void Deterministic_stand_ins(string template, string expected) =>
        Assert.Equal(expected, SprigEngine.Render(template, new SprigOptions { Deterministic = true }));

    /// <summary>Only encryptAES is replaced: the real decryptAES cannot read the stand-in's text, as with the oracle.</summary>
    [Fact]
    public void The_deterministic_encryptAES_is_not_decryptable()
    {
        var options = new SprigOptions { Deterministic = true };
        Assert.Equal("RkFLRS1BRVM6dGV4dA==", SprigEngine.Render("{{ encryptAES \"k\" \"text\" }}", options));
        Assert.EndsWith("slice bounds out of range [:16] with capacity 15", SprigEngine.CallError("{{ encryptAES \"k\" \"text\" | decryptAES \"k\" }}", options));
    }
}
