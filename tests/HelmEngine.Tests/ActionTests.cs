// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Text, actions, constants, pipelines, trim markers and comments.</summary>
public class ActionTests
{
    /// <summary>Constants of every kind.</summary>
    [Theory]
    [InlineData("plain text, no actions", "plain text, no actions")]
    [InlineData("{{ \"quoted\\tstring\\n\" }}", "quoted\tstring\n")]
    [InlineData("{{ `raw \\n string` }}", "raw \\n string")]
    [InlineData("{{ 'a' }} {{ '\\n' }} {{ '\\x41' }} {{ '\\u00e9' }}", "97 10 65 233")]
    [InlineData("{{ 1 }} {{ -1 }} {{ +2 }} {{ 1.5 }} {{ 1.0 }} {{ 1e3 }} {{ 1e21 }} {{ .5 }} {{ 1. }}", "1 -1 2 1.5 1 1000 1e+21 0.5 1")]
    [InlineData("{{ 0x1F }} {{ 0X1f }} {{ 017 }} {{ 0o17 }} {{ 0b101 }} {{ 1_000 }} {{ 0x1p4 }} {{ -0x10 }}", "31 31 15 15 5 1000 16 -16")]
    [InlineData("{{ 1i }} {{ 1+2i }} {{ 2.5i }}", "(0+1i) (1+2i) (0+2.5i)")]
    [InlineData("{{ true }} {{ false }}", "true false")]
    [InlineData("{{ \"\\u00e9\\U0001F600\\x41\\101\" }}", "é\U0001f600AA")]
    public void Text_and_constants_print_as_Go_prints_them(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Values of the data, printed with %v.</summary>
    [Theory]
    [InlineData("{{ .s }} {{ .f }} {{ .t }} {{ .zero }}", "hello 3.14 true 0")]
    [InlineData("{{ .l }} {{ .mixed }} {{ .m }} {{ .a }}", "[1 2 3] [1 <nil> x] map[a:1 b:2] map[b:1 n:<nil> s:text]")]
    [InlineData("{{ .emptyList }} {{ .emptyMap }} [{{ .empty }}]", "[] map[] []")]
    [InlineData("{{ .n }} {{ .missing }} {{ .a.n }}", "<no value> <no value> <no value>")]
    [InlineData("{{ .I }} {{ .I64 }} {{ .U }} {{ .Ints }} {{ .Strs }}", "7 8 9 [1 2 3] [a b]")]
    [InlineData("{{ .Obj }} {{ .Obj.Name }} {{ .Obj.N }}", "{o 3} o 3")]
    public void Values_print_as_Go_prints_them(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Pipelines and parenthesised pipelines.</summary>
    [Theory]
    [InlineData("{{ .s | printf \"%s!\" }}", "hello!")]
    [InlineData("{{ 3 | printf \"%d-%d\" 4 }}", "4-3")]
    [InlineData("{{ \"x\" | printf \"%s%s\" \"y\" | printf \"[%s]\" }}", "[yx]")]
    [InlineData("{{ (printf \"%s\" .s) }} {{ (len .l) | printf \"%03d\" }}", "hello 003")]
    [InlineData("{{ print (print 1 2) (print \"a\" \"b\") }}", "1 2ab")]
    [InlineData("{{ .l | len }} {{ .m | len }}", "3 2")]
    [InlineData("{{ (.a).b }} {{ (.a.b) }} {{ $.a.b }}", "1 1 1")]
    [InlineData("{{ .x | }}", "<no value>")]
    public void Pipelines_pass_each_value_as_the_last_argument(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>{{- and -}} trim white space; {{-3}} is a number.</summary>
    [Theory]
    [InlineData("a  {{- 1 -}}  b", "a1b")]
    [InlineData("a \n\t {{- 1 }} b", "a1 b")]
    [InlineData("a {{ 1 -}} \r\n\t b", "a 1b")]
    [InlineData("{{-3}} {{ -4 -}} x", "-3 -4x")]
    [InlineData("a {{- \"x\" }}  {{- 2 }}", "ax2")]
    [InlineData("{{- 1 -}}\n\n{{- 2 -}}\n", "12")]
    public void Trim_markers_remove_adjacent_white_space(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Comments, with and without trim markers.</summary>
    [Theory]
    [InlineData("x{{/* a comment */}}y", "xy")]
    [InlineData("x {{- /* trimmed */ -}} y", "xy")]
    [InlineData("{{/* multi\nline\ncomment */}}z", "z")]
    [InlineData("a\n{{- /* c */}}\nb", "a\nb")]
    [InlineData("{{/* c */ -}}   \n  d", "d")]
    public void Comments_are_dropped(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));
}
