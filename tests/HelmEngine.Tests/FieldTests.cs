// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Fields of maps and objects, methods, and what missing keys yield.</summary>
public class FieldTests
{
    /// <summary>Map keys, struct fields, methods with arguments.</summary>
    [Theory]
    [InlineData("{{ .a.b }} {{ .a.s }} {{ .Obj.Name }} {{ .Obj.N }}", "1 text o 3")]
    [InlineData("{{ .Obj.Get \"x\" }} {{ .Obj.Two \"a\" 1 }} {{ .Obj.Sub.k }} {{ \"x\" | .Obj.Get }}", "got:x a1 v got:x")]
    [InlineData("{{ $o := .Obj }}{{ $o.Get \"v\" }} {{ $o.Name }}", "got:v o")]
    [InlineData("{{ call .Fn 1 2 }}", "3")]
    public void Fields_and_methods_resolve(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Helm's mode: missing keys are nil, printed as no value.</summary>
    [Theory]
    [InlineData("{{ .missing }}|{{ .a.missing }}|{{ (.missing).b }}|{{ $x := .missing }}{{ $x.b }}", "<no value>|<no value>|<no value>|<no value>")]
    [InlineData("{{ print .missing }}|{{ printf \"%v\" .a.missing }}", "<nil>|<nil>")]
    public void Missing_keys_with_missingkey_zero(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Go's default mode.</summary>
    [Theory]
    [InlineData("{{ .missing }}|{{ .missing.b }}|{{ .a.missing }}", "<no value>|<no value>|<no value>")]
    [InlineData("{{ print .missing }}", "<nil>")]
    public void Missing_keys_with_missingkey_default(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Default));

    /// <summary>Errors of field chains.</summary>
    [Theory]
    [InlineData("{{ .missing.b }}", "template: t.yaml:1:11: executing \"t.yaml\" at <.missing.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ .n.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.n.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ .a.n.c }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.a.n.c>: nil pointer evaluating interface {}.c")]
    [InlineData("{{ .s.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.s.b>: can't evaluate field b in type interface {}")]
    [InlineData("{{ .f.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.f.b>: can't evaluate field b in type interface {}")]
    [InlineData("{{ .l.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.l.b>: can't evaluate field b in type interface {}")]
    [InlineData("{{ range .mixed }}{{ .b }}{{ end }}", "template: t.yaml:1:21: executing \"t.yaml\" at <.b>: can't evaluate field b in type interface {}")]
    [InlineData("{{ $x := \"s\" }}{{ $x.b }}", "template: t.yaml:1:20: executing \"t.yaml\" at <$x.b>: can't evaluate field b in type string")]
    [InlineData("{{ $x := 1 }}{{ $x.y.z }}", "template: t.yaml:1:18: executing \"t.yaml\" at <$x.y.z>: can't evaluate field y in type int")]
    [InlineData("{{ (print \"s\").b }}", "template: t.yaml:1:10: executing \"t.yaml\" at <\"s\">: can't evaluate field b in type string")]
    [InlineData("{{ .I.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.I.b>: can't evaluate field b in type interface {}")]
    [InlineData("{{ .Obj.Missing }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Missing>: can't evaluate field Missing in type interface {}")]
    [InlineData("{{ .Obj.Get }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Get>: wrong number of args for Get: want 1 got 0")]
    [InlineData("{{ .Obj.Get 1 }}", "template: t.yaml:1:12: executing \"t.yaml\" at <1>: expected string; found 1")]
    [InlineData("{{ .Obj.Get .missing }}", "template: t.yaml:1:12: executing \"t.yaml\" at <.missing>: wrong type for value; expected string; got interface {}")]
    [InlineData("{{ $x := .missing }}{{ .Obj.Get $x }}", "template: t.yaml:1:32: executing \"t.yaml\" at <$x>: invalid value; expected string")]
    [InlineData("{{ .Obj.Get nil }}", "template: t.yaml:1:12: executing \"t.yaml\" at <nil>: cannot assign nil to string")]
    [InlineData("{{ 1 | .Obj.Get }}", "template: t.yaml:1:11: executing \"t.yaml\" at <.Obj.Get>: wrong type for value; expected string; got int")]
    [InlineData("{{ \"a\" | .Obj.Two 1 }}", "template: t.yaml:1:18: executing \"t.yaml\" at <1>: expected string; found 1")]
    [InlineData("{{ .Obj.Two \"a\" }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Two>: wrong number of args for Two: want 2 got 1")]
    [InlineData("{{ .Obj.Err }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Err>: error calling Err: boom")]
    [InlineData("{{ .Obj.Name \"x\" }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Name>: Name has arguments but cannot be invoked as function")]
    [InlineData("{{ .a.b \"x\" }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.a.b>: b is not a method but has arguments")]
    [InlineData("{{ .Obj.Nil.x }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Nil.x>: nil pointer evaluating interface {}.x")]
    [InlineData("{{ .Obj.Sub.k.z }}", "template: t.yaml:1:7: executing \"t.yaml\" at <.Obj.Sub.k.z>: can't evaluate field z in type interface {}")]
    [InlineData("{{ .x 1 }}", "template: t.yaml:1:3: executing \"t.yaml\" at <.x>: x is not a method but has arguments")]
    public void Field_errors_with_missingkey_zero(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Zero));

    /// <summary>missingkey=error stops at the first missing key.</summary>
    [Theory]
    [InlineData("{{ .missing }}", "template: t.yaml:1:3: executing \"t.yaml\" at <.missing>: map has no entry for key \"missing\"")]
    [InlineData("{{ .a.missing }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.a.missing>: map has no entry for key \"missing\"")]
    [InlineData("{{ $x := .n }}{{ $x.b }}", "template: t.yaml:1:19: executing \"t.yaml\" at <$x.b>: nil data; no entry for key \"b\"")]
    public void Field_errors_with_missingkey_error(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Error));

    /// <summary>Go's default mode lets missing keys chain.</summary>
    [Theory]
    [InlineData("{{ .n.b }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.n.b>: nil pointer evaluating interface {}.b")]
    public void Field_errors_with_missingkey_default(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Default));
}
