// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Execution errors name the template, the line and byte column, and the node being evaluated.</summary>
public class ExecutionErrorTests
{
    /// <summary>Locations across lines, in defined templates, and after multi-byte text.</summary>
    [Theory]
    [InlineData("line one\nline two {{ .missing.x }}", "template: t.yaml:2:20: executing \"t.yaml\" at <.missing.x>: nil pointer evaluating interface {}.x")]
    [InlineData("{{/* héllo */}}éé {{ .n.x }}", "template: t.yaml:1:26: executing \"t.yaml\" at <.n.x>: nil pointer evaluating interface {}.x")]
    [InlineData("{{ define \"inner\" }}\n  {{ .a.n.y }}\n{{ end }}{{ template \"inner\" . }}", "template: t.yaml:2:7: executing \"inner\" at <.a.n.y>: nil pointer evaluating interface {}.y")]
    [InlineData("{{ define \"inner\" }}{{ index . 9 }}{{ end }}\n\n{{ template \"inner\" .l }}", "template: t.yaml:1:23: executing \"inner\" at <index . 9>: error calling index: index out of range: 9")]
    [InlineData("{{ .a.b.c.d }}", "template: t.yaml:1:5: executing \"t.yaml\" at <.a.b.c.d>: can't evaluate field c in type interface {}")]
    [InlineData("{{ $.a.n.x }}", "template: t.yaml:1:4: executing \"t.yaml\" at <$.a.n.x>: nil pointer evaluating interface {}.x")]
    [InlineData("{{ if .missing.b }}{{ end }}", "template: t.yaml:1:14: executing \"t.yaml\" at <.missing.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ range .l }}{{ .x }}{{ end }}", "template: t.yaml:1:17: executing \"t.yaml\" at <.x>: can't evaluate field x in type interface {}")]
    [InlineData("{{ with .a }}{{ printf \"%s\" .n.x }}{{ end }}", "template: t.yaml:1:30: executing \"t.yaml\" at <.n.x>: nil pointer evaluating interface {}.x")]
    [InlineData("{{ .missing.b | printf \"%v\" }}", "template: t.yaml:1:11: executing \"t.yaml\" at <.missing.b>: nil pointer evaluating interface {}.b")]
    [InlineData("{{ template \"nope\" 1 2 }}", "template: t.yaml:1:12: executing \"t.yaml\" at <{{template \"nope\" 1 2}}>: template \"nope\" not defined")]
    [InlineData("{{ (.l).x }}", "template: t.yaml:1:4: executing \"t.yaml\" at <.l>: can't evaluate field x in type []interface {}")]
    [InlineData("{{ and 1 (index .l 9) }}", "template: t.yaml:1:10: executing \"t.yaml\" at <index .l 9>: error calling index: index out of range: 9")]
    [InlineData("{{ printf \"%s\" (len 3) }}", "template: t.yaml:1:16: executing \"t.yaml\" at <len 3>: error calling len: len of type int")]
    [InlineData("{{ range $i, $e := .l }}{{ $i.x }}{{ end }}", "template: t.yaml:1:29: executing \"t.yaml\" at <$i.x>: can't evaluate field x in type int")]
    [InlineData("{{ $x := 1 }}{{ $x = .missing.y }}", "template: t.yaml:1:29: executing \"t.yaml\" at <.missing.y>: nil pointer evaluating interface {}.y")]
    [InlineData("{{ $x := \"a very long variable name value\" }}{{ $x.field }}", "template: t.yaml:1:50: executing \"t.yaml\" at <$x.field>: can't evaluate field field in type string")]
    public void Errors_point_at_the_failing_node(string template, string expected) =>
        Assert.Equal(expected, Fixture.Error(template, MissingKeyMode.Zero));
}
