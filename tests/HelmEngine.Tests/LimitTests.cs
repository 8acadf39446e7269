using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

public class LimitTests
{
    [Fact]
    public void Recursive_template_stops_at_the_configured_depth()
    {
        var error = Engine.Error("""{{ define "rec" }}{{ template "rec" . }}{{ end }}{{ template "rec" . }}""",
            limits: new ExecutionLimits { MaxTemplateDepth = 50 });
        Assert.Equal("""template: t.yaml:1:30: executing "rec" at <{{template "rec" .}}>: exceeded maximum template depth (50)""", error);
    }

    [Fact]
    public void Recursive_template_stops_at_the_default_depth_without_exhausting_the_stack()
    {
        var e = Assert.Throws<TemplateLimitException>(() =>
            Engine.Render("""{{ define "rec" }}{{ template "rec" . }}{{ end }}{{ template "rec" . }}"""));
        Assert.EndsWith("exceeded maximum template depth (1000)", e.Message);
    }
}

public class OutputAndCancellationTests
{
    [Fact]
    public void Output_beyond_the_limit_stops_execution()
    {
        var e = Assert.Throws<TemplateLimitException>(() =>
            Engine.Render("{{ range .l }}0123456789{{ end }}", Engine.Map(("l", Engine.List(1, 2, 3))),
                limits: new ExecutionLimits { MaxOutputBytes = 25 }));
        Assert.Equal("template: t.yaml:1:14: executing \"t.yaml\" at <0123456789>: output exceeds the limit of 25 bytes", e.Message);
    }

    [Fact]
    public void Output_within_the_limit_is_complete() =>
        Assert.Equal("0123456789", Engine.Render("{{ \"0123456789\" }}", limits: new ExecutionLimits { MaxOutputBytes = 10 }));

    [Fact]
    public void Cancellation_stops_a_long_range()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var set = new TemplateSet().Parse("t", "{{ range 100000000000 }}{{ end }}");
        Assert.ThrowsAny<OperationCanceledException>(() => set.Execute("t", null, cancellationToken: cancellation.Token));
    }

    [Fact]
    public void A_cancelled_token_stops_execution_before_output()
    {
        var set = new TemplateSet().Parse("t", "text");
        Assert.ThrowsAny<OperationCanceledException>(() => set.Execute("t", null, cancellationToken: new CancellationToken(true)));
    }

    [Fact]
    public void Deeply_nested_parentheses_fail_to_parse_cleanly()
    {
        var text = "{{ " + new string('(', 5000) + "1" + new string(')', 5000) + " }}";
        Assert.Equal("template: t.yaml:1: max expression depth exceeded", Engine.ParseError(text));
    }

    [Fact]
    public void Deeply_nested_control_structures_fail_to_parse_cleanly()
    {
        var text = string.Concat(Enumerable.Repeat("{{ if 1 }}", 3000)) + string.Concat(Enumerable.Repeat("{{ end }}", 3000));
        Assert.Equal("template: t.yaml:1: max expression depth exceeded", Engine.ParseError(text));
    }

    [Fact]
    public void Recursion_deeper_than_the_stack_allows_ends_with_a_limit_error()
    {
        var self = new List<object?>();
        self.Add(self);
        var e = Assert.Throws<TemplateLimitException>(() => Engine.Render(
            """{{ define "rec" }}{{ if true }}{{ with . }}{{ range . }}{{ template "rec" . }}{{ end }}{{ end }}{{ end }}{{ end }}{{ template "rec" . }}""",
            self, limits: new ExecutionLimits { MaxTemplateDepth = int.MaxValue }));
        // Whichever bound the thread meets first (its stack, or the nesting bound below it) ends the render; never a crash.
        Assert.Matches("exceeded maximum template depth: (execution stack exhausted|more than 50000 nested actions)", e.Message);
    }
}

/// <summary>No single call builds a string past the limit: the text is refused before it is allocated.</summary>
public class StringSizeTests
{
    [Theory]
    [InlineData("""{{ repeat 1000000000 "x" }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ indent 1000000000 "x" }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ nindent 10000000 "x" }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ randAlphaNum 1000000000 }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ randBytes 1000000000 }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ "abcdefgh" | replace "" (repeat 2000000 "y") }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ repeat 1500000 "ab" | replace "a" "xxxxxxxxxx" }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ $s := "xxxxxxxxxxxxxxxx" }}{{ range until 40 }}{{ $s = printf "%s%s" $s $s }}{{ end }}""", "exceeds the limit of 8388608")]
    [InlineData("""{{ $s := "xxxxxxxxxxxxxxxx" }}{{ range until 40 }}{{ $s = cat $s $s }}{{ end }}""", "exceeds the limit of 8388608")]
    public void A_call_that_would_build_a_huge_string_is_refused(string template, string words) =>
        Assert.Contains(words, Sprig.SprigEngine.Error(template));

    [Fact]
    public void Strings_below_the_limit_are_built_as_before() =>
        Assert.Equal("4000000", Sprig.SprigEngine.Render("""{{ repeat 1000000 "abcd" | len }}"""));
}
