// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's string functions.</summary>
public class SprigStringTests
{
    [Theory]
    [InlineData("[{{ trim \"  a b \\n\" }}] {{ trimAll \"$\" \"$$5$\" }} {{ trimPrefix \"ab\" \"abc\" }} {{ trimSuffix \"bc\" \"abc\" }} {{ trimPrefix \"x\" \"abc\" }}", "[a b] 5 c a abc")]
    [InlineData("{{ upper \"héllo\" }} {{ lower \"ABC\" }} {{ title \"hello wORLD o-k a_b\" }} {{ untitle \"Hello World\" }}", "HÉLLO abc Hello WORLD O-K A_b hello world")]
    [InlineData("{{ repeat 3 \"ab\" }} [{{ repeat 0 \"x\" }}] {{ nospace \" a b\\tc \" }}", "ababab [] abc")]
    [InlineData("{{ substr 1 3 \"abcdef\" }} {{ substr -1 2 \"abc\" }} {{ substr 1 -1 \"abc\" }} {{ substr 2 10 \"abc\" }}", "bc ab bc c")]
    [InlineData("{{ trunc 3 \"abcdef\" }} {{ trunc -2 \"abcdef\" }} {{ trunc 10 \"ab\" }} {{ trunc -10 \"ab\" }}", "abc ef ab ab")]
    [InlineData("{{ abbrev 5 \"hello world\" }} {{ abbrev 3 \"hello world\" }} {{ abbrevboth 5 10 \"1234 5678 9123\" }}", "he... hello world ...5678...")]
    [InlineData("{{ initials \"first second  third\" }} {{ plural \"one\" \"many\" 1 }} {{ plural \"one\" \"many\" 2 }}", "fst one many")]
    [InlineData("{{ contains \"b\" \"abc\" }} {{ hasPrefix \"a\" \"abc\" }} {{ hasSuffix \"a\" \"abc\" }}", "true true false")]
    [InlineData("{{ replace \"a\" \"x\" \"banana\" }} {{ replace \"\" \"-\" \"ab\" }}", "bxnxnx -a-b-")]
    public void Text_functions(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>quote and squote skip nil arguments; cat joins non-nil arguments with spaces.</summary>
    [Theory]
    [InlineData("{{ quote \"a\\\"b\" 1 .f nil .n }}", "\"a\\\"b\" \"1\" \"3.14\"")]
    [InlineData("{{ squote .s .n .t }} [{{ quote }}] {{ quote .missing }}", "'hello' 'true' [] ")]
    [InlineData("{{ cat \"a\" .n 1 .l }} [{{ cat }}] {{ toString .n }} {{ toString .l }} {{ toString 2.50 }}", "a 1 [1 2 3] [] <nil> [1 2 3] 2.5")]
    public void Quoting_and_concatenation(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>indent pads every line, blank ones included; nindent starts with a newline.</summary>
    [Theory]
    [InlineData("{{ indent 2 \"a\\nb\\n\\nc\" }}", "  a\n  b\n  \n  c")]
    [InlineData("{{ nindent 4 \"a\\nb\" }}|{{ indent 2 \"\" }}|{{ nindent 0 \"x\" }}", "\n    a\n    b|  |\nx")]
    [InlineData("{{ \"x\\n\" | nindent 2 }}", "\n  x\n  ")]
    public void Indentation(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ wrap 10 \"The quick brown fox jumps\" }}", "The quick\nbrown fox\njumps")]
    [InlineData("{{ wrap 5 \"a verylongword here\" }}", "a\nverylongword\nhere")]
    [InlineData("{{ wrapWith 4 \"|\" \"abcdefghij kl\" }}", "abcd|efgh|ij|kl")]
    public void Wrapping(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("HTTPServer", "http_server", "http-server", "Httpserver")]
    [InlineData("fooBar_baz", "foo_bar_baz", "foo-bar-baz", "FoobarBaz")]
    [InlineData("http2xx", "http_2xx", "http-2xx", "Http2xx")]
    [InlineData("HTTP2XX", "http2_xx", "http2-xx", "Http2xx")]
    [InlineData("Bld4Floor3rd", "bld4_floor_3rd", "bld4-floor-3rd", "Bld4floor3rd")]
    [InlineData("_complex__case_", "_complex__case_", "-complex--case-", "_Complex_Case_")]
    [InlineData(" complex -case ", "_complex__case_", "-complex--case-", " Complex Case ")]
    [InlineData("混合ABCWords与123数字456", "混合_abc_words_与123_数字456", "混合-abc-words-与123-数字456", "混合abcwords与123数字456")]
    public void Word_cases(string input, string snake, string kebab, string camel) =>
        Assert.Equal($"{snake}|{kebab}|{camel}", SprigEngine.Render($"{{{{ snakecase \"{input}\" }}}}|{{{{ kebabcase \"{input}\" }}}}|{{{{ camelcase \"{input}\" }}}}"));

    [Fact]
    public void Swapcase_and_initials_of_non_ascii_text() =>
        Assert.Equal("hELLO wORLD ß|æ", SprigEngine.Render("{{ swapcase \"Hello World ß\" }}|{{ initials \"混合\" }}"));

    [Theory]
    [InlineData("{{ substr 3 1 \"abcdef\" }}", "error calling substr: runtime error: slice bounds out of range [3:1]")]
    [InlineData("{{ substr -1 10 \"abc\" }}", "error calling substr: runtime error: slice bounds out of range [:10] with length 3")]
    [InlineData("{{ repeat -1 \"a\" }}", "error calling repeat: strings: negative Repeat count")]
    [InlineData("{{ indent -1 \"a\" }}", "error calling indent: strings: negative Repeat count")]
    public void String_errors(string template, string expected) => Assert.Equal(expected, SprigEngine.CallError(template));

    [Fact]
    public void Int_parameters_reject_float_values() =>
        Assert.EndsWith("wrong type for value; expected int; got float64", SprigEngine.Error("{{ indent .f \"x\" }}"));
}
