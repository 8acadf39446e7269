using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.HelmEngine.Tests;

public class TemplateSetTests
{
    [Fact]
    public void Templates_parsed_from_several_texts_call_each_other()
    {
        var set = new TemplateSet()
            .Parse("chart/templates/_helpers.tpl", """{{ define "name" }}{{ .Name }}-svc{{ end }}""")
            .Parse("chart/templates/svc.yaml", """name: {{ template "name" . }}""");
        Assert.Equal("name: web-svc", set.Execute("chart/templates/svc.yaml", Engine.Map(("Name", "web"))));
        Assert.Contains("name", set.TemplateNames);
        Assert.True(set.Contains("chart/templates/_helpers.tpl"));
    }

    [Fact]
    public void A_later_definition_replaces_an_earlier_one_unless_it_is_empty()
    {
        var set = new TemplateSet()
            .Parse("a", """{{ define "x" }}from a{{ end }}{{ define "y" }}y from a{{ end }}""")
            .Parse("b", """{{ define "x" }}from b{{ end }}{{ define "y" }}  {{ end }}""")
            .Parse("main", """{{ template "x" }}|{{ template "y" }}""");
        Assert.Equal("from b|y from a", set.Execute("main", null));
    }

    [Fact]
    public void A_text_that_fails_to_parse_adds_nothing()
    {
        var set = new TemplateSet().Parse("a", """{{ define "x" }}old{{ end }}""");
        Assert.Throws<TemplateParseException>(() => set.Parse("b", """{{ define "x" }}new{{ end }}{{ .broken """));
        Assert.False(set.Contains("b"));
        Assert.Equal("old", set.Execute("x", null));
    }

    [Fact]
    public void Parse_errors_carry_the_name_line_and_description()
    {
        var e = Assert.Throws<TemplateParseException>(() => new TemplateSet().Parse("chart/templates/x.yaml", "a\n{{ if }}"));
        Assert.Equal("template: chart/templates/x.yaml:2: missing value for if", e.Message);
        Assert.Equal(("chart/templates/x.yaml", 2, "missing value for if"), (e.TemplateName, e.Line, e.Description));
    }

    [Fact]
    public void Execution_errors_carry_their_parts()
    {
        var e = Assert.Throws<TemplateExecutionException>(() => Engine.Render("{{ define \"d\" }}\n {{ .a.b }}{{ end }}{{ template \"d\" . }}"));
        Assert.Equal("d", e.TemplateName);
        Assert.Equal("t.yaml:2:6", e.Location);
        Assert.Equal(".a.b", e.Context);
        Assert.Equal("nil pointer evaluating interface {}.b", e.Description);
    }

    [Fact]
    public void Executing_an_unknown_template_fails_as_Go_does()
    {
        var e = Assert.Throws<TemplateExecutionException>(() => new TemplateSet().Execute("nope", null));
        Assert.Equal("template: no template \"nope\" associated with template \"gotpl\"", e.Message);
    }

    [Fact]
    public void A_clone_takes_more_templates_without_changing_the_original()
    {
        var set = new TemplateSet().Parse("a", """{{ define "x" }}original{{ end }}""");
        var clone = set.Clone().Parse("b", """{{ define "x" }}changed{{ end }}{{ template "x" }}""");
        Assert.Equal("changed", clone.Execute("b", null));
        Assert.Equal("original", set.Execute("x", null));
        Assert.False(set.Contains("b"));
    }

    [Theory]
    [InlineData("missingkey=zero", MissingKeyMode.Zero)]
    [InlineData("missingkey=error", MissingKeyMode.Error)]
    [InlineData("missingkey=default", MissingKeyMode.Default)]
    [InlineData("missingkey=invalid", MissingKeyMode.Default)]
    public void Options_set_the_missing_key_mode(string option, MissingKeyMode mode) =>
        Assert.Equal(mode, new TemplateSet().Option(option).MissingKey);

    [Fact]
    public void An_unknown_option_is_rejected() =>
        Assert.Equal("unrecognized option: color=red (Parameter 'option')",
            Assert.Throws<ArgumentException>(() => new TemplateSet().Option("color=red")).Message);

    [Fact]
    public void Functions_must_exist_when_a_text_is_parsed()
    {
        var set = new TemplateSet();
        Assert.Equal("template: t: function \"upper\" not defined".Replace("t: f", "t:1: f"),
            Assert.Throws<TemplateParseException>(() => set.Parse("t", "{{ upper .x }}")).Message);
        set.Functions.Add(GoFunction.Create<string, string>("upper", GoType.String, GoType.String, s => s.ToUpperInvariant()));
        set.Parse("t", "{{ upper .x }}|{{ .x | upper }}");
        Assert.Equal("HI|HI", set.Execute("t", Engine.Map(("x", "hi"))));
    }

    [Fact]
    public void Added_functions_get_Go_argument_checks_and_error_wrapping()
    {
        var functions = new FunctionRegistry()
            .Add(GoFunction.Create<string, string>("upper", GoType.String, GoType.String, s => s.ToUpperInvariant()))
            .Add(new GoFunction("fail", [GoType.String], GoType.String, (_, a) => throw new FunctionException((string)a[0]!)));
        var set = new TemplateSet(functions: functions).Option("missingkey=zero")
            .Parse("a", "{{ upper 1 }}").Parse("b", "{{ upper .n }}").Parse("c", "{{ fail \"no\" }}").Parse("d", "{{ upper }}");
        string Error(string name) => Assert.ThrowsAny<TemplateException>(() => set.Execute(name, Engine.Map(("n", 1.0)))).Message;
        Assert.Equal("template: a:1:9: executing \"a\" at <1>: expected string; found 1", Error("a"));
        Assert.Equal("template: b:1:9: executing \"b\" at <.n>: wrong type for value; expected string; got float64", Error("b"));
        Assert.Equal("template: c:1:3: executing \"c\" at <fail \"no\">: error calling fail: no", Error("c"));
        Assert.Equal("template: d:1:3: executing \"d\" at <upper>: wrong number of args for upper: want 1 got 0", Error("d"));
    }

    [Fact]
    public void A_function_can_replace_a_builtin()
    {
        var set = new TemplateSet();
        set.Functions.Add(new GoFunction("len", [GoType.Any], GoType.String, (_, _) => "custom"));
        Assert.Equal("custom", set.Parse("t", "{{ len 1 }}").Execute("t", null));
    }

    [Fact]
    public void Functions_can_execute_templates_of_the_set_like_helms_include()
    {
        var set = new TemplateSet();
        set.Functions.Add(new GoFunction("include", [GoType.String, GoType.Any], GoType.String,
            (call, a) => call.ExecuteTemplate((string)a[0]!, a[1])));
        set.Parse("t", """{{ define "x" }}[{{ . }}]{{ end }}{{ define "bad" }}{{ .a.b }}{{ end }}{{ include "x" 5 | printf "%s!" }}""");
        set.Parse("u", """{{ include "bad" . }}""");
        set.Parse("v", """{{ include "none" . }}""");
        Assert.Equal("[5]!", set.Execute("t", null));
        Assert.Equal(
            "template: u:1:3: executing \"u\" at <include \"bad\" .>: error calling include: template: t:1:57: executing \"bad\" at <.a.b>: map has no entry for key \"a\"",
            Assert.ThrowsAny<TemplateException>(() => set.Option("missingkey=error").Execute("u", Engine.Map())).Message);
        Assert.EndsWith("error calling include: template: no template \"none\" associated with template \"gotpl\"",
            Assert.ThrowsAny<TemplateException>(() => set.Execute("v", null)).Message);
    }
}
