// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions) unless marked as modern Go.

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's regex functions over Go's RE2 syntax: matching, expansion, empty matches and Go's errors.</summary>
public class SprigRegexTests
{
    private static string Quoted(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    /// <summary>Patterns Go refuses, with the compile error the must forms report.</summary>
    [Theory]
    [InlineData("a(", "missing closing ): `a(`")]
    [InlineData("a)", "unexpected ): `a)`")]
    [InlineData("*a", "missing argument to repetition operator: `*`")]
    [InlineData("a**", "invalid nested repetition operator: `**`")]
    [InlineData("a*??", "invalid nested repetition operator: `*??`")]
    [InlineData("(*)", "missing argument to repetition operator: `*`")]
    [InlineData("a|*", "missing argument to repetition operator: `*`")]
    [InlineData("a{2}{3}", "invalid nested repetition operator: `{2}{3}`")]
    [InlineData("x{1001}", "invalid repeat count: `{1001}`")]
    [InlineData("x{2,1}", "invalid repeat count: `{2,1}`")]
    [InlineData("(a{500}){3}", "invalid repeat count: `{3}`")]
    [InlineData("\\1", "invalid escape sequence: `\\1`")]
    [InlineData("\\8", "invalid escape sequence: `\\8`")]
    [InlineData("\\xZZ", "invalid escape sequence: `\\xZZ`")]
    [InlineData("\\x{zz}", "invalid escape sequence: `\\x{z`")]
    [InlineData("\\q", "invalid escape sequence: `\\q`")]
    [InlineData("\\C", "invalid escape sequence: `\\C`")]
    [InlineData("a\\", "trailing backslash at end of expression: ``")]
    [InlineData("[z-a]", "invalid character class range: `z-a`")]
    [InlineData("[[:foo:]]", "invalid character class range: `[:foo:]`")]
    [InlineData("\\p{Foo}", "invalid character class range: `\\p{Foo}`")]
    [InlineData("\\pX", "invalid character class range: `\\pX`")]
    [InlineData("\\p{Greek", "invalid character class range: `\\p{Greek`")]
    [InlineData("[a", "missing closing ]: `[a`")]
    [InlineData("[]", "missing closing ]: `[]`")]
    [InlineData("(?P<>x)", "invalid named capture: `(?P<>`")]
    [InlineData("(?P<a", "invalid named capture: `(?P<a`")]
    [InlineData("(?P<a-b>x)", "invalid named capture: `(?P<a-b>`")]
    [InlineData("(?=x)", "invalid or unsupported Perl syntax: `(?=`")]
    [InlineData("(?!x)", "invalid or unsupported Perl syntax: `(?!`")]
    [InlineData("(?#c)", "invalid or unsupported Perl syntax: `(?#`")]
    [InlineData("(?", "invalid or unsupported Perl syntax: `(?`")]
    [InlineData("(?i", "invalid or unsupported Perl syntax: `(?i`")]
    [InlineData("(?-)", "invalid or unsupported Perl syntax: `(?-)`")]
    [InlineData("(?i-)", "invalid or unsupported Perl syntax: `(?i-)`")]
    [InlineData("(?--i)", "invalid or unsupported Perl syntax: `(?--`")]
    [InlineData("(?x)", "invalid or unsupported Perl syntax: `(?x`")]
    [InlineData("[\\b]", "invalid escape sequence: `\\b`")]
    [InlineData("\\z\\Z", "invalid escape sequence: `\\Z`")]
    [InlineData("(?P", "invalid or unsupported Perl syntax: `(?P`")]
    [InlineData("(?i)*", "missing argument to repetition operator: `*`")]
    [InlineData("\\é", "invalid escape sequence: `\\é`")]
    [InlineData("[a-\\d]", "invalid escape sequence: `\\d`")]
    public void Go_refuses_the_pattern(string pattern, string error) =>
        Assert.Equal("error calling mustRegexFind: error parsing regexp: " + error, SprigEngine.CallError($"{{{{ mustRegexFind \"{Quoted(pattern)}\" \"\" }}}}"));

    [Theory]
    [InlineData("{{ regexFind \"a{,2}*\" \"a{,2}}}{,2}\" }}", "a{,2}}}")]
    [InlineData("[{{ regexFind \"^*\" \"x\" }}] {{ regexFind \"a(?i)*\" \"aaA\" }} {{ regexFind \"\\\\Qa.b\" \"xa.b\" }}", "[] aa a.b")]
    [InlineData("{{ regexFind \"(?i)straße\" \"STRASSE STRAẞE\" }}", "STRAẞE")]
    public void Go_accepts_the_pattern(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>The plain forms fail with Go's MustCompile panic; regexMatch is false instead.</summary>
    [Theory]
    [InlineData("{{ regexFind \"a(\" \"x\" }}", "error calling regexFind: regexp: Compile(`a(`): error parsing regexp: missing closing ): `a(`")]
    [InlineData("{{ regexReplaceAll \"`(\" \"x\" \"y\" }}", "error calling regexReplaceAll: regexp: Compile(\"`(\"): error parsing regexp: missing closing ): ``(`")]
    [InlineData("{{ regexSplit \"*\" \"x\" -1 }}", "error calling regexSplit: regexp: Compile(`*`): error parsing regexp: missing argument to repetition operator: `*`")]
    [InlineData("{{ mustRegexMatch \"[\" \"x\" }}", "error calling mustRegexMatch: error parsing regexp: missing closing ]: `[`")]
    public void Compile_failures(string template, string expected) => Assert.Equal(expected, SprigEngine.CallError(template));

    [Theory]
    [InlineData("{{ regexMatch \"a(\" \"a(\" }} {{ regexMatch \"^a$\" \"a\\n\" }} {{ regexMatch \"(?m)^a$\" \"a\\n\" }}", "false false true")]
    [InlineData("{{ regexFindAll \"a*\" \"baaac\" -1 | len }} {{ regexReplaceAll \"a*\" \"baaac\" \"-\" }} {{ regexSplit \"x*\" \"axbxxc\" -1 }}", "3 -b-c- [a b c]")]
    [InlineData("{{ regexReplaceAll \"(a)(?P<second>b)\" \"ab\" \"$1x|${1}x|$second|$$|$0|${3}|$\" }}", "|ax|b|$|ab||$")]
    [InlineData("{{ regexFindAll \"\\\\d\" \"1٣2\" -1 }} {{ regexFindAll \"\\\\w+\" \"héllo\" -1 }} {{ regexFindAll \"[[:upper:]]\" \"AbÀC\" -1 }}", "[1 2] [h llo] [A C]")]
    [InlineData("{{ regexFind \"\\\\p{Greek}+\" \"abc αβγ\" }} {{ regexFind \"\\\\PL+\" \"ab12cd\" }} {{ regexFind \"[\\\\p{Lu}\\\\d]+\" \"abC1D\" }}", "αβγ 12 C1D")]
    [InlineData("{{ regexQuoteMeta \"a.b*c\" }} {{ regexFindAll \"x\" \"xxx\" 2 }} {{ regexSplit \",\" \"a,b,c\" 2 }}", "a\\.b\\*c [x x] [a b,c]")]
    [InlineData("{{ regexFindAll \"a\" \"aaa\" 9999999999 }} {{ regexSplit \"a\" \"bab\" 9999999999 }} {{ regexFindAll \"a\" \"aaa\" -9999999999 }}", "[a a a] [b b] [a a a]")]
    public void Go_semantics(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>Modern Go (1.22+, as current Helm is built) also accepts (?&lt;name&gt;…); lookbehinds stay refused.</summary>
    [Fact]
    public void Angle_bracket_named_groups_as_in_modern_go()
    {
        Assert.Equal("b", SprigEngine.Render("{{ regexReplaceAll \"a(?<n>b)\" \"ab\" \"${n}\" }}"));
        Assert.Equal(
            "error calling mustRegexFind: error parsing regexp: invalid named capture: `(?<=x)y`",
            SprigEngine.CallError("{{ mustRegexFind \"(?<=x)y\" \"\" }}"));
    }

    /// <summary>Patterns that make backtracking engines take exponential time get their answer (not the time-limit error).</summary>
    [Fact]
    public void No_catastrophic_backtracking()
    {
        var subject = new string('a', 5000) + "!";
        Assert.Equal("false", SprigEngine.Render($"{{{{ regexMatch \"^(a+)+$\" \"{subject}\" }}}}"));
        Assert.Equal("false", SprigEngine.Render($"{{{{ regexMatch \"^(a|aa)*$\" \"{subject}\" }}}}"));
    }

    /// <summary>Word boundaries need the backtracking engine; a runaway match there ends with an error after a timeout.</summary>
    [Fact]
    public void Runaway_backtracking_ends_with_an_error()
    {
        var subject = new string('a', 40) + "!";
        Assert.Equal(
            "error calling regexMatch: regular expression match took too long",
            SprigEngine.CallError($"{{{{ regexMatch \"^(a+\\\\b|a+)+$\" \"{subject}\" }}}}"));
    }

    [Fact]
    public void Counted_repetitions_up_to_the_limit_work()
    {
        var subject = string.Concat(Enumerable.Repeat("ab", 1000));
        Assert.Equal("true false", SprigEngine.Render($"{{{{ regexMatch \"^(ab){{1000}}$\" \"{subject}\" }}}} {{{{ regexMatch \"^(?:[a-z]{{2,1000}}){{1,1}}x$\" \"{subject}\" }}}}"));
    }

    /// <summary>
    /// Large counted repetitions, slow for the non-backtracking engine, still give Go's answer in time when
    /// backtracking can find it (a runaway one ends with the timeout error instead).
    /// </summary>
    [Theory]
    [InlineData("(\\\\w+\\\\s*){1000}", "true")]
    [InlineData("((a|b|c|d){1000})+x", "false")]
    public void Large_patterns_compile_and_give_the_answer(string pattern, string expected)
    {
        var subject = string.Concat(Enumerable.Repeat("abcd ", 2000));
        Assert.Equal(expected, SprigEngine.Render($"{{{{ regexMatch \"{pattern}\" \"{subject}\" }}}}"));
    }
}
