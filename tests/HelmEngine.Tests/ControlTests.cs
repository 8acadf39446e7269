// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>if, with, range, break and continue, variables, define, template and block.</summary>
public class ControlTests
{
    /// <summary>0, empty strings, lists and maps, nil and false are false.</summary>
    [Theory]
    [InlineData("{{ if .t }}T{{ end }}{{ if .zero }}Z{{ end }}{{ if .empty }}E{{ end }}{{ if .s }}S{{ end }}", "TS")]
    [InlineData("{{ if .l }}L{{ end }}{{ if .emptyList }}EL{{ end }}{{ if .m }}M{{ end }}{{ if .emptyMap }}EM{{ end }}", "LM")]
    [InlineData("{{ if .n }}N{{ else }}not-n{{ end }} {{ if .missing }}M{{ else }}not-missing{{ end }}", "not-n not-missing")]
    [InlineData("{{ if .Obj }}struct{{ end }} {{ if .I }}int{{ end }} {{ if .Fn }}func{{ end }}", "struct int func")]
    [InlineData("{{ if .zero }}a{{ else if .empty }}b{{ else if .s }}c{{ else }}d{{ end }}", "c")]
    [InlineData("{{ if .zero }}a{{ else if .empty }}b{{ else }}d{{ end }}", "d")]
    [InlineData("{{ if $x := .s }}{{ $x }}{{ end }} {{ if $y := .zero }}{{ else }}{{ $y }}{{ end }}", "hello 0")]
    [InlineData("{{ if and .t .s }}both{{ end }} {{ if or .zero .empty }}either{{ else }}neither{{ end }}", "both neither")]
    public void If_follows_Go_truth(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>with and its else branch.</summary>
    [Theory]
    [InlineData("{{ with .a }}{{ .s }}{{ end }}", "text")]
    [InlineData("{{ with .missing }}yes{{ else }}no {{ .l | len }}{{ end }}", "no 3")]
    [InlineData("{{ with $x := .s }}{{ $x }}={{ . }}{{ end }}", "hello=hello")]
    [InlineData("{{ with .a }}{{ with .s }}{{ . }}{{ $.s }}{{ end }}{{ end }}", "texthello")]
    [InlineData("{{ with .zero }}z{{ end }}", "")]
    public void With_sets_dot_when_true(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>range over lists, maps (sorted keys), typed slices and nothing.</summary>
    [Theory]
    [InlineData("{{ range .l }}[{{ . }}]{{ end }}", "[1][2][3]")]
    [InlineData("{{ range $i, $v := .l }}{{ $i }}={{ $v }},{{ end }}", "0=1,1=2,2=3,")]
    [InlineData("{{ range $v := .l }}{{ $v }}{{ end }}", "123")]
    [InlineData("{{ range $k, $v := .m }}{{ $k }}={{ $v }};{{ end }}", "a=1;b=2;")]
    [InlineData("{{ range .m }}{{ . }}{{ end }}", "12")]
    [InlineData("{{ range .mixed }}[{{ . }}]{{ end }}", "[1][<no value>][x]")]
    [InlineData("{{ range .Strs }}{{ . }}{{ end }}{{ range .Ints }}{{ . }}{{ end }}", "ab123")]
    [InlineData("{{ range .emptyList }}x{{ else }}empty{{ end }} {{ range .missing }}x{{ else }}none{{ end }} {{ range .n }}x{{ else }}nil{{ end }}", "empty none nil")]
    [InlineData("{{ range .l }}{{ range $.Strs }}{{ . }}{{ end }}{{ . }}|{{ end }}", "ab1|ab2|ab3|")]
    [InlineData("{{ range $i, $v := .l }}{{ if eq $v 2.0 }}{{ continue }}{{ end }}{{ if eq $v 3.0 }}{{ break }}{{ end }}{{ $v }}{{ end }}", "1")]
    [InlineData("{{ range .l }}{{ range $.l }}{{ if eq . 2.0 }}{{ break }}{{ end }}{{ . }}{{ end }};{{ end }}", "1;1;1;")]
    [InlineData("{{ range .l }}{{ if true }}{{ continue }}{{ end }}never{{ end }}done", "done")]
    public void Range_visits_lists_and_maps_in_order(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Declarations last until the end of their control structure; = assigns.</summary>
    [Theory]
    [InlineData("{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x }}{{ end }}{{ $x }}{{ if true }}{{ $x = 3 }}{{ end }}{{ $x }}{{ range .l }}{{ $x = . }}{{ end }}{{ $x }}", "2133")]
    [InlineData("{{ $.s }} {{ $.l }}", "hello [1 2 3]")]
    [InlineData("{{ with .a }}{{ $.s }} {{ $.a.b }}{{ end }}", "hello 1")]
    [InlineData("{{ $x := .l }}{{ range $x }}{{ . }}{{ end }}", "123")]
    [InlineData("{{ $x := .missing }}[{{ $x }}] [{{ $x.deeper }}]", "[<no value>] [<no value>]")]
    [InlineData("{{ $s := \"\" }}{{ range .Strs }}{{ $s = print $s . }}{{ end }}{{ $s }}", "ab")]
    [InlineData("{{ $a := 1 }}{{ $b := $a }}{{ $a = 2 }}{{ $a }}{{ $b }}", "21")]
    [InlineData("{{ $x := 1 | printf \"%d\" }}{{ $x }}", "1")]
    public void Variables_follow_Go_scoping(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>define, template, block, and the dot they receive.</summary>
    [Theory]
    [InlineData("{{ define \"a\" }}A{{ . }}{{ end }}{{ template \"a\" 5 }}{{ template \"a\" }}", "A5A<no value>")]
    [InlineData("{{ define \"a\" }}{{ $ }}{{ end }}{{ template \"a\" .s }}", "hello")]
    [InlineData("{{ block \"b\" .l }}B{{ . }}{{ end }}{{ template \"b\" 1 }}", "B[1 2 3]B1")]
    [InlineData("{{define \"a\"}}[{{.}}]{{end}}{{define \"b\"}}{{template \"a\" .}}{{template \"a\"}}{{end}}{{template \"b\" 1}}", "[1][<no value>]")]
    [InlineData("{{ define \"x\" }}  {{ end }}{{ define \"x\" }}body{{ end }}{{ template \"x\" }}", "body")]
    [InlineData("{{ define \"x\" }}body{{ end }}{{ define \"x\" }}   {{ end }}{{ template \"x\" }}", "body")]
    [InlineData("{{ define \"rec\" }}{{ if . }}{{ len . }}{{ template \"rec\" (slice . 1) }}{{ end }}{{ end }}{{ template \"rec\" .l }}", "321")]
    [InlineData("{{ define `raw` }}raw{{ end }}{{ template `raw` }}", "raw")]
    public void Templates_are_defined_and_called(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));
}
