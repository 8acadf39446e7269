using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Functions.Sprig;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's random functions: checked by their alphabets, lengths and ranges, and their deterministic stand-ins exactly.</summary>
public class SprigRandomTests
{
    [Theory]
    [InlineData("randAlphaNum", "^[A-Za-z0-9]{64}$")]
    [InlineData("randAlpha", "^[A-Za-z]{64}$")]
    [InlineData("randNumeric", "^[0-9]{64}$")]
    [InlineData("randAscii", "^[\\x20-\\x7e]{64}$")]
    public void Random_strings_draw_from_their_alphabet(string function, string pattern)
    {
        var a = SprigEngine.Render($"{{{{ {function} 64 }}}}");
        Assert.Matches(pattern, a);
        Assert.NotEqual(a, SprigEngine.Render($"{{{{ {function} 64 }}}}"));
        Assert.Equal("[][]", SprigEngine.Render($"[{{{{ {function} 0 }}}}][{{{{ {function} -4 }}}}]"));
    }

    [Fact]
    public void RandBytes_gives_base64_of_that_many_bytes()
    {
        Assert.Equal(33, Convert.FromBase64String(SprigEngine.Render("{{ randBytes 33 }}")).Length);
        Assert.Equal("", SprigEngine.Render("{{ randBytes 0 }}"));
        Assert.EndsWith("runtime error: makeslice: len out of range", SprigEngine.CallError("{{ randBytes -1 }}"));
    }

    [Fact]
    public void RandInt_stays_in_its_half_open_range()
    {
        var values = SprigEngine.Render(string.Concat(Enumerable.Repeat("{{ randInt -2 3 }} ", 200))).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
        Assert.All(values, v => Assert.InRange(v, -2, 2));
        Assert.Equal(5, values.Distinct().Count());
        Assert.EndsWith("invalid argument to Intn", SprigEngine.CallError("{{ randInt 5 5 }}"));
    }

    [Fact]
    public void Uuidv4_is_a_random_version_4_uuid()
    {
        var a = SprigEngine.Render("{{ uuidv4 }}");
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", a);
        Assert.NotEqual(a, SprigEngine.Render("{{ uuidv4 }}"));
    }

    [Fact]
    public void Shuffle_permutes_characters()
    {
        var input = "abcdefghijklmnopqrstuvwxyzé😀";
        var outputs = Enumerable.Range(0, 5).Select(_ => SprigEngine.Render($"{{{{ shuffle \"{input}\" }}}}")).ToList();
        Assert.All(outputs, o => Assert.Equal(input.EnumerateRunes().Order(), o.EnumerateRunes().Order()));
        Assert.True(outputs.Distinct().Count() > 1);
    }

    [Fact]
    public void Host_lookups_and_the_environment_are_not_available()
    {
        Assert.Equal("[]", SprigEngine.Render("[{{ getHostByName \"localhost\" }}]"));
        var registry = new FunctionRegistry().IncludeSprig();
        Assert.False(registry.Contains("env"));
        Assert.False(registry.Contains("expandenv"));
        Assert.Contains("function \"env\" not defined", Assert.ThrowsAny<Exception>(() => SprigEngine.Render("{{ env \"HOME\" }}")).Message);
    }

    [Theory]
    [InlineData("{{ randAlphaNum 3 }} {{ randAlpha 2 }} {{ randAscii 1 }} {{ randNumeric 4 }} [{{ randAlpha -1 }}]", "xxx xx x 0000 []")]
    [InlineData("{{ randBytes 4 }} [{{ randBytes -2 }}] {{ randInt 4 9 }} {{ randInt 9 4 }}", "AAAAAA== [] 4 9")]
    [InlineData("{{ uuidv4 }} {{ shuffle \"abc\" }} [{{ getHostByName \"x\" }}]", "00000000-0000-4000-8000-000000000000 abc []")]
    public void Deterministic_stand_ins(string template, string expected) =>
        Assert.Equal(expected, SprigEngine.Render(template, new SprigOptions { Deterministic = true }));

    [Fact]
    public void The_parameterless_registration_is_the_real_one()
    {
        var names = new FunctionRegistry().IncludeSprig().Names.ToHashSet();
        foreach (var name in new[] { "now", "date", "dateInZone", "date_in_zone", "dateModify", "date_modify", "mustDateModify", "must_date_modify", "ago", "duration", "durationRound", "htmlDate", "htmlDateInZone", "toDate", "mustToDate", "unixEpoch", "b64enc", "b64dec", "b32enc", "b32dec", "sha1sum", "sha256sum", "sha512sum", "adler32sum", "bcrypt", "htpasswd", "derivePassword", "genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "buildCustomCert", "encryptAES", "decryptAES", "randAlphaNum", "randAlpha", "randNumeric", "randAscii", "randBytes", "randInt", "uuidv4", "shuffle", "getHostByName" })
        {
            Assert.Contains(name, names);
        }
    }
}
