// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>eq, ne, lt, le, gt, ge with Go's kind rules.</summary>
public class ComparisonTests
{
    /// <summary>Numbers of one kind, strings, booleans, nil.</summary>
    [Theory]
    [InlineData("{{ eq 1 1 }} {{ eq 1 2 }} {{ eq 1 2 1 }} {{ ne 1 2 }} {{ eq \"a\" \"b\" \"a\" }}", "true false true true true")]
    [InlineData("{{ lt 1 2 }} {{ le 1 1 }} {{ gt 2 1 }} {{ ge 1 2 }} {{ le 1.5 1.5 }} {{ lt \"a\" \"ab\" }} {{ lt \"B\" \"a\" }}", "true true true false true true true")]
    [InlineData("{{ eq .a.b 1.0 }} {{ lt .f 4.0 }} {{ eq .s \"hello\" }} {{ eq .t true }}", "true true true true")]
    [InlineData("{{ eq .I 7 }} {{ eq .I64 8 }} {{ eq .U 9 }} {{ eq .I .I64 }} {{ eq .I .U }} {{ lt .I .U }} {{ le .I .U }}", "true true true false false true true")]
    [InlineData("{{ eq .missing nil }} {{ eq nil nil }} {{ eq .missing .missing }} {{ eq .s nil }} {{ ne .s nil }}", "true true true false true")]
    [InlineData("{{ eq .Obj .Obj }} {{ 1 | eq 1 }} {{ 2 | lt 1 }}", "true true true")]
    [InlineData("{{ eq .l nil }} {{ eq nil .l }} {{ eq .m .missing }} {{ eq .missing .m }} {{ ne .l nil }} {{ eq .Obj .Obj .l }}", "false false false false true true")]
    public void Comparisons_of_same_kinds(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Mixed kinds and uncomparable values.</summary>
    [Theory]
    [InlineData("{{ eq .a.b 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .a.b 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ lt .I 2.5 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <lt .I 2.5>: error calling lt: incompatible types for comparison")]
    [InlineData("{{ eq 1 1.0 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq 1 1.0>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq \"a\" 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq \"a\" 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq 1 2 \"a\" }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq 1 2 \"a\">: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq .l .l }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .l .l>: error calling eq: non-comparable type [%!s(float64=1) %!s(float64=2) %!s(float64=3)]: []interface {}")]
    [InlineData("{{ eq .m 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .m 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq .l .m }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .l .m>: error calling eq: non-comparable types [%!s(float64=1) %!s(float64=2) %!s(float64=3)]: []interface {}, map[string]interface {}: map[a:1 b:2]")]
    [InlineData("{{ eq .Obj .l }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .Obj .l>: error calling eq: non-comparable types {o %!s(int=3)}: main.Obj, []interface {}: [1 2 3]")]
    [InlineData("{{ eq .m .m }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .m .m>: error calling eq: non-comparable type map[a:%!s(float64=1) b:%!s(float64=2)]: map[string]interface {}")]
    [InlineData("{{ eq .Strs .Strs }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .Strs .Strs>: error calling eq: non-comparable type [a b]: []string")]
    [InlineData("{{ eq 1 .l }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq 1 .l>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq .Obj 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq .Obj 1>: error calling eq: incompatible types for comparison")]
    [InlineData("{{ eq 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq 1>: error calling eq: missing argument for comparison")]
    [InlineData("{{ eq }}", "template: t.yaml:1:3: executing \"t.yaml\" at <eq>: wrong number of args for eq: want at least 1 got 0")]
    [InlineData("{{ ne 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <ne>: wrong number of args for ne: want 2 got 1")]
    [InlineData("{{ lt nil 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <lt nil 1>: error calling lt: invalid type for comparison")]
    [InlineData("{{ lt true false }}", "template: t.yaml:1:3: executing \"t.yaml\" at <lt true false>: error calling lt: invalid type for comparison")]
    [InlineData("{{ lt .l .l }}", "template: t.yaml:1:3: executing \"t.yaml\" at <lt .l .l>: error calling lt: invalid type for comparison")]
    [InlineData("{{ gt \"a\" 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <gt \"a\" 1>: error calling gt: incompatible types for comparison")]
    [InlineData("{{ range .l }}{{ if eq . 2 }}two{{ end }}{{ end }}", "template: t.yaml:1:20: executing \"t.yaml\" at <eq . 2>: error calling eq: incompatible types for comparison")]
    public void Comparison_errors(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Zero));
}
