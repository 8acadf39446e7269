// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Go's built-in functions: and, or, not, len, index, slice, print, html, js, urlquery, call.</summary>
public class FunctionTests
{
    /// <summary>and/or short-circuit and return an operand; not negates truth.</summary>
    [Theory]
    [InlineData("{{ and 1 0 2 }} {{ and 1 2 }} {{ or 0 \"\" \"x\" }} [{{ or 0 \"\" }}]", "0 2 x []")]
    [InlineData("{{ not 0 }} {{ not .l }} {{ not .emptyList }} {{ not .emptyMap }} {{ not .missing }} {{ not .s }}", "true false true true true false")]
    [InlineData("{{ or 1 (index 5 1) }}|{{ and 0 .Nope.x }}|{{ or .s .missing.deep }}", "1|0|hello")]
    [InlineData("{{ 0 | and 1 }}{{ 0 | or 1 }}{{ 1 | not }}", "01false")]
    [InlineData("{{ and .s .l }} {{ or .zero .emptyMap }}", "[1 2 3] map[]")]
    public void Logic_functions_return_the_deciding_value(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Lengths in bytes, indexing and slicing.</summary>
    [Theory]
    [InlineData("{{ len .s }} {{ len .l }} {{ len .m }} {{ len \"héllo\" }} {{ len .Strs }}", "5 3 2 6 2")]
    [InlineData("{{ index .l 1 }} {{ index .a \"b\" }} {{ index . \"a\" \"s\" }} {{ index .s 1 }} {{ index .Strs 1 }}", "2 1 text 101 b")]
    [InlineData("[{{ index .m \"zz\" }}] {{ index .l }}", "[<no value>] [1 2 3]")]
    [InlineData("{{ slice .l 1 }} {{ slice .l 1 2 }} {{ slice .l }} {{ slice .s 1 3 }} {{ slice .l 0 1 2 }} {{ slice .Strs 1 }}", "[2 3] [2] [1 2 3] el [1] [b]")]
    public void Len_index_and_slice(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>print adds spaces between operands when neither is a string; println always does.</summary>
    [Theory]
    [InlineData("{{ print 1 2 \"a\" \"b\" 3 true nil 4 }}|{{ println 1 \"a\" 2 }}|{{ print }}|{{ print \"a\" }}", "1 2ab3 true <nil> 4|1 a 2\n||a")]
    [InlineData("{{ print \"a\" 1 2 \"b\" nil nil \"c\" }}|{{ print nil \"x\" }}|{{ print 1.5 2 true }}", "a1 2b<nil> <nil>c|<nil>x|1.5 2 true")]
    [InlineData("{{ print .l .m }}|{{ println }}|{{ printf \"%d items\" (len .l) }}", "[1 2 3] map[a:1 b:2]|\n|3 items")]
    public void Print_functions(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>html, js and urlquery.</summary>
    [Theory]
    [InlineData("{{ html \"<a href=\\\"x\\\">&'</a>\" }}", "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;")]
    [InlineData("{{ js \"<a>'\\\"\\\\ \\n é\\u2028=&\" }}", "\\u003Ca\\u003E\\'\\\"\\\\ \\u000A é\\u2028\\u003D\\u0026")]
    [InlineData("{{ urlquery \"a b&c=d/é?~._-\" }}", "a+b%26c%3Dd%2F%C3%A9%3F~._-")]
    [InlineData("{{ html 1 \"a\" 2 }} {{ js 1 \"<\" nil }} {{ html nil }} {{ urlquery nil }} {{ urlquery \"x\" 1 2 }}", "1a2 1\\u003C\\u003Cno value\\u003E &lt;no value&gt; %3Cno+value%3E x1+2")]
    [InlineData("{{ js \"\\x01\\t\" }} {{ .s | html }}", "\\u0001\\u0009 hello")]
    public void Escaping_functions(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>call with a func value from the data.</summary>
    [Theory]
    [InlineData("{{ call .Fn 1 2 }} {{ call .Fn .I 1 }}", "3 8")]
    public void Call_calls_func_values(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Errors of built-in functions.</summary>
    [Theory]
    [InlineData("{{ and }}", "template: t.yaml:1:3: executing \"t.yaml\" at <and>: wrong number of args for and: want at least 1 got 0")]
    [InlineData("{{ not }}", "template: t.yaml:1:3: executing \"t.yaml\" at <not>: wrong number of args for not: want 1 got 0")]
    [InlineData("{{ not 1 2 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <not>: wrong number of args for not: want 1 got 2")]
    [InlineData("{{ len .missing }}", "template: t.yaml:1:3: executing \"t.yaml\" at <len .missing>: error calling len: len of nil pointer")]
    [InlineData("{{ $x := .missing }}{{ len $x }}", "template: t.yaml:1:23: executing \"t.yaml\" at <len $x>: error calling len: reflect: call of reflect.Value.Type on zero Value")]
    [InlineData("{{ len nil }}", "template: t.yaml:1:3: executing \"t.yaml\" at <len nil>: error calling len: reflect: call of reflect.Value.Type on zero Value")]
    [InlineData("{{ len 3 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{ index .l 5 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l 5>: error calling index: index out of range: 5")]
    [InlineData("{{ index .l -1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l -1>: error calling index: index out of range: -1")]
    [InlineData("{{ index .l 3 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l 3>: error calling index: reflect: slice index out of range")]
    [InlineData("{{ index .l \"a\" }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l \"a\">: error calling index: cannot index slice/array with type string")]
    [InlineData("{{ index .l 1.0 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l 1.0>: error calling index: cannot index slice/array with type float64")]
    [InlineData("{{ index .m 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .m 1>: error calling index: value has type int; should be string")]
    [InlineData("{{ index .missing 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .missing 1>: error calling index: index of untyped nil")]
    [InlineData("{{ index nil 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index nil 1>: error calling index: index of untyped nil")]
    [InlineData("{{ index 5 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index 5 1>: error calling index: can't index item of type int")]
    [InlineData("{{ index .m \"zz\" \"a\" }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .m \"zz\" \"a\">: error calling index: index of nil pointer")]
    [InlineData("{{ index .m nil }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .m nil>: error calling index: value is nil; should be of type string")]
    [InlineData("{{ index .l nil }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .l nil>: error calling index: cannot index slice/array with nil")]
    [InlineData("{{ index .Strs 0 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <index .Strs 0 1>: error calling index: reflect: string index out of range")]
    [InlineData("{{ slice .l 2 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <slice .l 2 1>: error calling slice: invalid slice index: 2 > 1")]
    [InlineData("{{ slice .l 1 2 3 4 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <slice .l 1 2 3 4>: error calling slice: too many slice indexes: 4")]
    [InlineData("{{ slice \"abc\" 1 2 3 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <slice \"abc\" 1 2 3>: error calling slice: cannot 3-index slice a string")]
    [InlineData("{{ slice .missing }}", "template: t.yaml:1:3: executing \"t.yaml\" at <slice .missing>: error calling slice: slice of untyped nil")]
    [InlineData("{{ slice 3 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <slice 3>: error calling slice: can't slice item of type int")]
    [InlineData("{{ call .Fn 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <call .Fn 1>: error calling call: wrong number of args: got 1 want 2")]
    [InlineData("{{ call .nofn 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <call .nofn 1>: error calling call: call of nil")]
    [InlineData("{{ call \"x\" 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <call \"x\" 1>: error calling call: non-function of type string")]
    [InlineData("{{ call .Fn \"a\" 2 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <call .Fn \"a\" 2>: error calling call: arg 0: value has type string; should be int")]
    [InlineData("{{ call .Obj.Get \"z\" }}", "template: t.yaml:1:12: executing \"t.yaml\" at <.Obj.Get>: wrong number of args for Get: want 1 got 0")]
    [InlineData("{{ printf 1 }}", "template: t.yaml:1:10: executing \"t.yaml\" at <1>: expected string; found 1")]
    [InlineData("{{ .Fn }}", "template: t.yaml:1:3: executing \"t.yaml\" at <{{.Fn}}>: can't print {{.Fn}} of type func(int, int) int")]
    [InlineData("{{ nil }}", "template: t.yaml:1:3: executing \"t.yaml\" at <nil>: nil is not a command")]
    [InlineData("{{ 1 2 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <1>: can't give argument to non-function 1")]
    [InlineData("{{ \"x\" 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <\"x\">: can't give argument to non-function \"x\"")]
    [InlineData("{{ 9223372036854775808 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <9223372036854775808>: 9223372036854775808 overflows int")]
    [InlineData("{{ template \"x\" }}", "template: t.yaml:1:12: executing \"t.yaml\" at <{{template \"x\"}}>: template \"x\" not defined")]
    [InlineData("{{ $x = 1 }}", "template: t.yaml:1:8: executing \"t.yaml\" at <1>: undefined variable: $x")]
    [InlineData("{{ range 2.5 }}{{ end }}", "template: t.yaml:1:9: executing \"t.yaml\" at <2.5>: range can't iterate over 2.5")]
    [InlineData("{{ range \"abc\" }}{{ . }}{{ end }}", "template: t.yaml:1:9: executing \"t.yaml\" at <\"abc\">: range can't iterate over abc")]
    [InlineData("{{ with 1 }}{{ .Fn }}{{ end }}", "template: t.yaml:1:15: executing \"t.yaml\" at <.Fn>: can't evaluate field Fn in type int")]
    public void Function_errors(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Zero));
}
