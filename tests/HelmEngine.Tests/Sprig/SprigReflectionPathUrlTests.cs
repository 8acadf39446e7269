// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's reflection, path and URL functions.</summary>
public class SprigReflectionPathUrlTests
{
    /// <summary>Fixture values: .f float64, .I int, .I64 int64, .U uint, .Ints []int, .Strs []string, .Obj a struct, .Fn a func.</summary>
    [Theory]
    [InlineData("{{ typeOf .f }} {{ typeOf .I }} {{ typeOf .I64 }} {{ typeOf .U }} {{ typeOf .Ints }} {{ typeOf .Strs }} {{ typeOf .Obj }} {{ typeOf .n }} {{ typeOf .missing }}", "float64 int int64 uint []int []string main.Obj <nil> <nil>")]
    [InlineData("{{ kindOf .f }} {{ kindOf .I64 }} {{ kindOf .U }} {{ kindOf .Ints }} {{ kindOf .m }} {{ kindOf .Obj }} {{ kindOf .Fn }} {{ kindOf .n }} {{ kindOf (semver \"1.0.0\") }} {{ kindOf ((semver \"1.0.0\").IncMajor) }}", "float64 int64 uint slice map struct func invalid ptr struct")]
    [InlineData("{{ typeIs \"int64\" .I64 }} {{ typeIs \"int\" .I64 }} {{ typeIsLike \"semver.Version\" (semver \"1.0.0\") }} {{ typeIsLike \"main.Obj\" .Obj }} {{ kindIs \"slice\" .Strs }} {{ kindIs \"invalid\" .n }}", "true false true true true true")]
    [InlineData("{{ deepEqual .l (list 1.0 2.0 3.0) }} {{ deepEqual .l (list 1 2 3) }} {{ deepEqual .Ints .l }} {{ deepEqual .m (dict \"a\" 1.0 \"b\" 2.0) }} {{ deepEqual nil .n }} {{ deepEqual (semver \"1.0.0\") (semver \"1.0.0\") }} {{ deepEqual (semver \"1.0.0\") (semver \"v1.0.0\") }}", "true false false true true true false")]
    public void Reflection(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("", ".", ".", ".", "", "false")]
    [InlineData("/", "/", "/", "/", "", "true")]
    [InlineData("a/b/../c/./d.tar.gz", "d.tar.gz", "a/c", "a/c/d.tar.gz", ".gz", "false")]
    [InlineData("../../x", "x", "../..", "../../x", "", "false")]
    [InlineData("/../x/", "x", "/x", "/x", "", "true")]
    [InlineData("a//b///c/", "c", "a/b/c", "a/b/c", "", "false")]
    [InlineData("/a/b/..", "..", "/a/b", "/a", ".", "true")]
    [InlineData("x/..", "..", "x", ".", ".", "false")]
    [InlineData(".hidden", ".hidden", ".", ".hidden", ".hidden", "false")]
    public void Paths(string path, string name, string directory, string cleaned, string extension, string absolute)
    {
        var expected = $"{name}|{directory}|{cleaned}|{extension}|{absolute}";
        Assert.Equal(expected, SprigEngine.Render($"{{{{ base \"{path}\" }}}}|{{{{ dir \"{path}\" }}}}|{{{{ clean \"{path}\" }}}}|{{{{ ext \"{path}\" }}}}|{{{{ isAbs \"{path}\" }}}}"));
        Assert.Equal(expected, SprigEngine.Render($"{{{{ osBase \"{path}\" }}}}|{{{{ osDir \"{path}\" }}}}|{{{{ osClean \"{path}\" }}}}|{{{{ osExt \"{path}\" }}}}|{{{{ osIsAbs \"{path}\" }}}}"));
    }

    [Theory]
    [InlineData("https://user:p%40ss@example.com:8443/a/b%20c/?q=1#frag%21", "map[fragment:frag! host:example.com:8443 hostname:example.com opaque: path:/a/b c/ query:q=1 scheme:https userinfo:user:p%40ss]")]
    [InlineData("a:b", "map[fragment: host: hostname: opaque:b path: query: scheme:a userinfo:]")]
    [InlineData("http://[fe80::1%25en0]:80/", "map[fragment: host:[fe80::1%en0]:80 hostname:fe80::1%en0 opaque: path:/ query: scheme:http userinfo:]")]
    [InlineData("", "map[fragment: host: hostname: opaque: path: query: scheme: userinfo:]")]
    public void UrlParse(string url, string expected) => Assert.Equal(expected, SprigEngine.Render($"{{{{ urlParse \"{url}\" }}}}"));

    [Theory]
    [InlineData("{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"example.org\" \"path\" \"/x y\" \"query\" \"a=1\" \"fragment\" \"a b!\") }}", "https://example.org/x%20y?a=1#a%20b!")]
    [InlineData("{{ urlJoin (dict \"path\" \"a:b/c\") }} {{ urlJoin (dict \"scheme\" \"s\" \"path\" \"/p\") }} {{ urlJoin (dict \"scheme\" \"http\" \"host\" \"h\" \"path\" \"rel\") }}", "./a:b/c s:///p http://h/rel")]
    [InlineData("{{ urlJoin (dict \"scheme\" \"https\" \"host\" \"h\" \"userinfo\" \"me:p@ss\") }} [{{ urlJoin (dict \"userinfo\" \"a/b\") }}] {{ urlParse \"http://h/a%2Fb?x#y\" | urlJoin }}", "https://me:p%40ss@h [] http://h/a/b?x#y")]
    public void UrlJoin(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ urlParse \"http://h/%zz\" }}", "error calling urlParse: unable to parse url: parse \"http://h/%zz\": invalid URL escape \"%zz\"")]
    [InlineData("{{ urlParse \"http://h:abc/\" }}", "error calling urlParse: unable to parse url: parse \"http://h:abc/\": invalid port \":abc\" after host")]
    [InlineData("{{ urlParse \"http://[::1/\" }}", "error calling urlParse: unable to parse url: parse \"http://[::1/\": missing ']' in host")]
    [InlineData("{{ urlParse \":foo\" }}", "error calling urlParse: unable to parse url: parse \":foo\": missing protocol scheme")]
    [InlineData("{{ urlParse \"1a:b/c\" }}", "error calling urlParse: unable to parse url: parse \"1a:b/c\": first path segment in URL cannot contain colon")]
    [InlineData("{{ urlParse \"x#%zz\" }}", "error calling urlParse: unable to parse url: parse \"x#%zz\": invalid URL escape \"%zz\"")]
    [InlineData("{{ urlParse \"http://h%41/\" }}", "error calling urlParse: unable to parse url: parse \"http://h%41/\": invalid URL escape \"%41\"")]
    [InlineData("{{ urlParse \"http://u s@h/\" }}", "error calling urlParse: unable to parse url: parse \"http://u s@h/\": net/url: invalid userinfo")]
    [InlineData("{{ urlParse \"http://h/\\t\" }}", "error calling urlParse: unable to parse url: parse \"http://h/\\t\": net/url: invalid control character in URL")]
    [InlineData("{{ urlJoin (dict \"host\" 80) }}", "error calling urlJoin: unable to parse host key, must be of type string, but int found")]
    [InlineData("{{ urlJoin (dict \"path\" (list)) }}", "error calling urlJoin: unable to parse path key, must be of type string, but slice found")]
    [InlineData("{{ urlJoin (dict \"host\" nil) }}", "error calling urlJoin: runtime error: invalid memory address or nil pointer dereference")]
    public void Url_errors(string template, string expected) => Assert.Equal(expected, SprigEngine.CallError(template));
}
