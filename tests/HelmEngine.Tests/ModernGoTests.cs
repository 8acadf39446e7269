namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>
/// Behaviour of current Go text/template that the oracle (Go 1.19) predates: range over an integer (Go 1.22),
/// {{else with}} (Go 1.23) and range with = assignment (Go 1.21).
/// </summary>
public class ModernGoTests
{
    [Theory]
    [InlineData("{{ range 3 }}{{ . }}{{ end }}", "012")]
    [InlineData("{{ range $i := 3 }}{{ $i }},{{ end }}", "0,1,2,")]
    [InlineData("{{ range 0 }}x{{ else }}none{{ end }}", "none")]
    [InlineData("{{ range -2 }}x{{ else }}none{{ end }}", "none")]
    [InlineData("{{ range len .l }}{{ printf \"%T\" . }} {{ end }}", "int int int ")]
    [InlineData("{{ range .I64 }}{{ if eq . 3 }}{{ break }}{{ end }}{{ printf \"%T=%d\" . . }} {{ end }}", "int64=0 int64=1 int64=2 ")]
    [InlineData("{{ range .U }}{{ if lt . 7 }}{{ continue }}{{ end }}{{ . }}{{ end }}", "78")]
    public void Range_over_an_integer_counts_from_zero(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template));

    [Fact]
    public void Range_over_an_integer_allows_one_variable_only() =>
        Assert.Equal(
            "template: t.yaml:1:19: executing \"t.yaml\" at <3>: can't use 3 to iterate over more than one variable",
            Fixture.Error("{{ range $i, $v := 3 }}{{ end }}"));

    [Fact]
    public void Range_over_a_float_is_still_an_error() =>
        Assert.Equal(
            "template: t.yaml:1:9: executing \"t.yaml\" at <.f>: range can't iterate over 3.14",
            Fixture.Error("{{ range .f }}{{ end }}"));

    [Theory]
    [InlineData("{{ with .missing }}A{{ else with .s }}B{{ . }}{{ end }}", "Bhello")]
    [InlineData("{{ with .missing }}A{{ else with .zero }}B{{ else }}C{{ end }}", "C")]
    [InlineData("{{ with .missing }}A{{ else with .zero }}B{{ else with .t }}{{ . }}{{ end }}", "true")]
    [InlineData("{{ with .a }}{{ .s }}{{ else with .s }}no{{ end }}", "text")]
    public void Else_with_chains_with_branches(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template));

    [Fact]
    public void Else_with_belongs_to_with_only() =>
        Assert.Equal(
            "template: t.yaml:1: unexpected <with> in input",
            Engine.ParseError("{{ if .x }}{{ else with .y }}{{ end }}"));

    [Theory]
    [InlineData("{{ $i := 0 }}{{ $v := 0 }}{{ range $i, $v = .l }}{{ end }}{{ $i }}:{{ $v }}", "2:3")]
    [InlineData("{{ $v := 0 }}{{ range $v = .Strs }}{{ end }}{{ $v }}", "b")]
    public void Range_can_assign_to_existing_variables(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template));
}
