using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Values;

/// <summary>Helm's --set/--set-string/--set-json/--set-literal rules, one rule per case (from Helm's documented parser behaviour).</summary>
public class SetValuesTests
{
    private static string Set(string text) => ValueText.Of(SetValues.Parse(new ValueOverride(ValueOverrideKind.Set, text)));

    private static string Error(ValueOverrideKind kind, string text) =>
        Assert.Throws<RenderException>(() => SetValues.Parse(new ValueOverride(kind, text))).Message;

    [Theory]
    [InlineData("name1=value1", "{name1:\"value1\"}")]
    [InlineData("name1=value1,name2=value2", "{name1:\"value1\",name2:\"value2\"}")]
    [InlineData("name1=value1,name2=value2,", "{name1:\"value1\",name2:\"value2\"}")]
    [InlineData("name1=,name2=value2", "{name1:\"\",name2:\"value2\"}")]
    [InlineData("name1=", "{name1:\"\"}")]
    [InlineData("name1=one two three", "{name1:\"one two three\"}")]
    [InlineData("a=b=c", "{a:\"b=c\"}")]
    public void Assignments_are_separated_by_commas(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("t=true,f=false,n=null", "{f:false,n:nil,t:true}")]
    [InlineData("t=TRUE,f=False,n=NULL", "{f:false,n:nil,t:true}")]
    [InlineData("n=3", "{n:int64(3)}")]
    [InlineData("n=0", "{n:int64(0)}")]
    [InlineData("n=-42", "{n:int64(-42)}")]
    [InlineData("n=+7", "{n:int64(7)}")]
    [InlineData("n=1234567890", "{n:int64(1234567890)}")]
    [InlineData("n=9223372036854775807", "{n:int64(9223372036854775807)}")]
    [InlineData("n=9223372036854775808", "{n:\"9223372036854775808\"}")]
    [InlineData("n=00009", "{n:\"00009\"}")]
    [InlineData("n=0x10", "{n:\"0x10\"}")]
    [InlineData("n=1.5", "{n:\"1.5\"}")]
    [InlineData("n=1e3", "{n:\"1e3\"}")]
    [InlineData("n=1_000", "{n:\"1_000\"}")]
    [InlineData("n= 5", "{n:\" 5\"}")]
    [InlineData("y=yes,o=on", "{o:\"on\",y:\"yes\"}")]
    [InlineData("s=falſe", "{s:false}")]
    public void Set_types_booleans_nulls_and_int64(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("name1=one\\,two,name2=three\\,four", "{name1:\"one,two\",name2:\"three,four\"}")]
    [InlineData("name1=one\\=two", "{name1:\"one=two\"}")]
    [InlineData("a\\.b=1", "{a.b:int64(1)}")]
    [InlineData("a\\=b=1", "{a=b:int64(1)}")]
    [InlineData("a\\[0\\]=1", "{a[0]:int64(1)}")]
    [InlineData("a=back\\\\slash", "{a:\"back\\slash\"}")]
    [InlineData("a=x\\", "{a:\"x\"}")]
    [InlineData("l={a\\,b,c}", "{l:[\"a,b\",\"c\"]}")]
    public void A_backslash_escapes_the_next_character(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("outer.inner=value", "{outer:{inner:\"value\"}}")]
    [InlineData("outer.middle.inner=value", "{outer:{middle:{inner:\"value\"}}}")]
    [InlineData("outer.inner1=value,outer.middle.inner=value", "{outer:{inner1:\"value\",middle:{inner:\"value\"}}}")]
    [InlineData("name1.name2=", "{name1:{name2:\"\"}}")]
    public void Dots_nest_maps(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("name1={value1,value2}", "{name1:[\"value1\",\"value2\"]}")]
    [InlineData("name1={value1,value2},name2={value1,value2}", "{name1:[\"value1\",\"value2\"],name2:[\"value1\",\"value2\"]}")]
    [InlineData("name1={1021,902,true,null,007}", "{name1:[int64(1021),int64(902),true,nil,\"007\"]}")]
    [InlineData("name1.name2={value1,value2}", "{name1:{name2:[\"value1\",\"value2\"]}}")]
    [InlineData("a={}", "{a:[\"\"]}")]
    [InlineData("a={x},b=1", "{a:[\"x\"],b:int64(1)}")]
    public void Braces_make_lists(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("list[0]=foo", "{list:[\"foo\"]}")]
    [InlineData("list[0]=foo,list[1]=bar", "{list:[\"foo\",\"bar\"]}")]
    [InlineData("list[0]=foo,list[3]=bar", "{list:[\"foo\",nil,nil,\"bar\"]}")]
    [InlineData("list[0].foo=bar,list[0].hello=world", "{list:[{foo:\"bar\",hello:\"world\"}]}")]
    [InlineData("noval[0]", "{noval:[]}")]
    [InlineData("noval[0]=", "{noval:[\"\"]}")]
    [InlineData("nested[0][0]=1", "{nested:[[int64(1)]]}")]
    [InlineData("nested[1][1]=1", "{nested:[nil,[nil,int64(1)]]}")]
    [InlineData("a[0]={x,y}", "{a:[[\"x\",\"y\"]]}")]
    [InlineData("name1.name2[1].foo=bar,name1.name2[0].foo=bar", "{name1:{name2:[{foo:\"bar\"},{foo:\"bar\"}]}}")]
    [InlineData("name1.name2[1].foo=bar", "{name1:{name2:[nil,{foo:\"bar\"}]}}")]
    [InlineData("a[+1]=x", "{a:[nil,\"x\"]}")]
    [InlineData("[0]=x", "{}")]
    public void Indexes_grow_lists_with_nulls(string text, string expected) => Assert.Equal(expected, Set(text));

    [Theory]
    [InlineData("name1,name2=", "key \"name1\" has no value (cannot end with ,)")]
    [InlineData("name1,name2=value2", "key \"name1\" has no value (cannot end with ,)")]
    [InlineData("name1", "key \"name1\" has no value")]
    [InlineData("name1=value1,,,,name2=value2,", "key \"\" has no value (cannot end with ,)")]
    [InlineData("name1.name2", "key \"name2\" has no value")]
    [InlineData("name1.=name2", "key map \"name1\" has no value")]
    [InlineData("name1.,name2", "key \"\" has no value (cannot end with ,)")]
    [InlineData("name1={1021,902", "list must terminate with '}'")]
    [InlineData("a={x}y", "key \"y\" has no value")]
    [InlineData("list[0].foo=bar,list[-30].hello=world", "negative -30 index not allowed")]
    [InlineData("list[0]=foo,list[-20]=bar", "negative -20 index not allowed")]
    [InlineData("illegal[0]name.foo=bar", "unexpected data at end of array index: ['n' 'a' 'm' 'e']")]
    [InlineData("a[0", "error parsing index: EOF")]
    [InlineData("a[x]=1", "error parsing index: strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("a[]=1", "error parsing index: strconv.Atoi: parsing \"\": invalid syntax")]
    [InlineData("a[99999999999999999999]=1", "error parsing index: strconv.Atoi: parsing \"99999999999999999999\": value out of range")]
    [InlineData("a[65537]=1", "index of 65537 is greater than maximum supported index of 65536")]
    [InlineData("]={}].", "unable to parse key: interface conversion: interface {} is []interface {}, not map[string]interface {}")]
    [InlineData("a=1,a.b=2", "unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}")]
    [InlineData("a=x,a[0]=1", "unable to parse key: interface conversion: interface {} is string, not []interface {}")]
    [InlineData("a=null,a[0]=1", "unable to parse key: interface conversion: interface {} is nil, not []interface {}")]
    [InlineData("a[0]=x,a[0][1]=y", "unable to parse key: interface conversion: interface {} is string, not []interface {}")]
    [InlineData("k\"q=1,x", "key \"x\" has no value")]
    public void Malformed_text_fails_with_Helms_words(string text, string expected) =>
        Assert.Equal("failed parsing --set data: " + expected, Error(ValueOverrideKind.Set, text));

    [Fact]
    public void Keys_nest_at_most_thirty_levels()
    {
        var ok = string.Join(".", Enumerable.Range(0, 31).Select(i => "k" + i)) + "=1";
        var tooDeep = string.Join(".", Enumerable.Range(0, 32).Select(i => "k" + i)) + "=1";

        Assert.StartsWith("{k0:{k1:", Set(ok));
        Assert.Equal(
            "failed parsing --set data: value name nested level is greater than maximum supported nested level of 30",
            Error(ValueOverrideKind.Set, tooDeep));
    }

    [Fact]
    public void Deeply_nested_indexes_fail_clearly_instead_of_exhausting_the_stack()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("[0]", 100_000)) + "=1";

        Assert.Equal("failed parsing --set data: keys and indexes nest deeper than 1000 levels", Error(ValueOverrideKind.Set, text));
        Assert.StartsWith("{a:[{b:[{b:[", Set("a" + string.Concat(Enumerable.Repeat("[0].b", 300)) + "=1"));
    }

    [Fact]
    public void An_assignment_extends_the_values_already_there()
    {
        var values = Map("outer", Map("inner1", "overwrite", "inner2", "value2"), "list", new List<object?> { 1.0, 2.0, 3.0 });

        SetValues.Apply(values, new ValueOverride(ValueOverrideKind.Set, "outer.inner1=value1,outer.inner3=value3,outer.inner4=4,list[1]=x"));

        Assert.Equal("{list:[float64(1),\"x\",float64(3)],outer:{inner1:\"value1\",inner2:\"value2\",inner3:\"value3\",inner4:int64(4)}}", ValueText.Of(values));
    }

    [Fact]
    public void Nested_lists_of_maps_are_extended_across_flags()
    {
        var values = Map("listOuter", new List<object?> { new List<object?> { new List<object?> { Map("exited", "old") } } });

        SetValues.Apply(values, [
            new ValueOverride(ValueOverrideKind.Set, "listOuter[0][1][0].type=listValue"),
            new ValueOverride(ValueOverrideKind.Set, "listOuter[0][0][1].status=alive"),
        ]);

        Assert.Equal("{listOuter:[[[{exited:\"old\"},{status:\"alive\"}],[{type:\"listValue\"}]]]}", ValueText.Of(values));
    }

    [Fact]
    public void An_index_path_over_a_scalar_item_replaces_it_with_a_map()
    {
        var values = Map("list", new List<object?> { "a", "b" });

        SetValues.Apply(values, new ValueOverride(ValueOverrideKind.Set, "list[1].name=x"));

        Assert.Equal("{list:[\"a\",{name:\"x\"}]}", ValueText.Of(values));
    }

    [Theory]
    [InlineData("long_int_string=1234567890", "{long_int_string:\"1234567890\"}")]
    [InlineData("boolean=true,is_null=null,zero=0", "{boolean:\"true\",is_null:\"null\",zero:\"0\"}")]
    [InlineData("l={1,true},m[1]=2", "{l:[\"1\",\"true\"],m:[nil,\"2\"]}")]
    public void Set_string_keeps_every_value_a_string(string text, string expected) =>
        Assert.Equal(expected, ValueText.Of(SetValues.Parse(new ValueOverride(ValueOverrideKind.SetString, text))));

    [Theory]
    [InlineData("a.b={\"x\":1}", "{a:{b:{x:float64(1)}}}")]
    [InlineData("outer.inner1=\"1\",outer.inner3=3,outer.inner4=true,outer.inner5=\"true\"",
        "{outer:{inner1:\"1\",inner3:float64(3),inner4:true,inner5:\"true\"}}")]
    [InlineData("a=[1,\"two\",{\"c\":[null]}],b=2.5e1", "{a:[float64(1),\"two\",{c:[nil]}],b:float64(25)}")]
    [InlineData("a=,b=null,c= , d=\"x\"", "{ d:\"x\",a:nil,b:nil,c:nil}")]
    [InlineData("list[1]={\"k\":\"v\"}", "{list:[nil,{k:\"v\"}]}")]
    [InlineData("a.b[0].c=\"\\u00e9\\n\"", "{a:{b:[{c:\"é\n\"}]}}")]
    [InlineData("a={\"k\":1,\"k\":2}", "{a:{k:float64(2)}}")]
    [InlineData("a=\"s\"b=1", "{a:\"s\",b:float64(1)}")]
    public void Set_json_values_are_json(string text, string expected) =>
        Assert.Equal(expected, ValueText.Of(SetValues.Parse(new ValueOverride(ValueOverrideKind.SetJson, text))));

    [Fact]
    public void Set_json_null_and_empty_values_replace_and_index()
    {
        var values = Map("outer", Map("inner1", Map("x", "overwrite"), "inner2", "value2"));

        SetValues.Apply(values, new ValueOverride(ValueOverrideKind.SetJson,
            "outer.inner1=,outer.inner3={\"aa\":\"1\",\"bb\":2,\"cc\":[1,2,3]},outer.inner3.cc[1]=null"));

        Assert.Equal("{outer:{inner1:nil,inner2:\"value2\",inner3:{aa:\"1\",bb:float64(2),cc:[float64(1),nil,float64(3)]}}}", ValueText.Of(values));
    }

    [Fact]
    public void A_whole_json_object_merges_over_the_values()
    {
        var values = Map("a", Map("keep", 1.0, "over", "old"), "list", new List<object?> { 1.0 });

        SetValues.Apply(values, new ValueOverride(ValueOverrideKind.SetJson, "  {\"a\":{\"over\":\"new\",\"add\":[true]},\"list\":[2]} "));

        Assert.Equal("{a:{add:[true],keep:float64(1),over:\"new\"},list:[float64(2)]}", ValueText.Of(values));
    }

    [Theory]
    [InlineData("a={\"x\":1},b={\"y\"}")]
    [InlineData("a=tru")]
    [InlineData("a=01")]
    [InlineData("a=1e999")]
    [InlineData("a=[1,2")]
    [InlineData("a=\"unterminated")]
    [InlineData("a=1 x")]
    [InlineData("a")]
    [InlineData("a=1,a.b=2")]
    public void Malformed_json_assignments_quote_the_flag(string text) =>
        Assert.Equal("failed parsing --set-json data " + text, Error(ValueOverrideKind.SetJson, text));

    [Theory]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1} x")]
    [InlineData("{a:1}")]
    public void A_malformed_json_object_is_reported_as_json(string text) =>
        Assert.Equal("failed parsing --set-json data JSON: " + text, Error(ValueOverrideKind.SetJson, text));

    [Theory]
    [InlineData("a=b,c=d", "{a:\"b,c=d\"}")]
    [InlineData("a.b=true", "{a:{b:\"true\"}}")]
    [InlineData("a=x\\,y", "{a:\"x\\,y\"}")]
    [InlineData("a\\.b=1", "{a\\:{b:\"1\"}}")]
    [InlineData("list[1]={x,y}", "{list:[nil,\"{x,y}\"]}")]
    [InlineData("list[0].k=", "{list:[{k:\"\"}]}")]
    public void Set_literal_takes_the_rest_as_is(string text, string expected) =>
        Assert.Equal(expected, ValueText.Of(SetValues.Parse(new ValueOverride(ValueOverrideKind.SetLiteral, text))));

    [Fact]
    public void Set_literal_errors_name_the_flag() =>
        Assert.Equal("failed parsing --set-literal data: key \"a,b\" has no value", Error(ValueOverrideKind.SetLiteral, "a,b"));

    [Fact]
    public void Kinds_apply_in_Helms_order_and_in_command_line_order_within_a_kind()
    {
        var values = Map();

        SetValues.Apply(values, [
            new ValueOverride(ValueOverrideKind.SetLiteral, "lit=literal"),
            new ValueOverride(ValueOverrideKind.SetString, "str=string,lit=string"),
            new ValueOverride(ValueOverrideKind.Set, "a.b=1,str=set,lit=set,n=1"),
            new ValueOverride(ValueOverrideKind.SetJson, "a={\"c\":2},str=\"json\",lit=\"json\",n=0"),
            new ValueOverride(ValueOverrideKind.Set, "n=2"),
        ]);

        // --set-json first (a = {c:2}, then --set adds a.b), --set before --set-string before --set-literal.
        Assert.Equal("{a:{b:int64(1),c:float64(2)},lit:\"literal\",n:int64(2),str:\"string\"}", ValueText.Of(values));
    }

    [Fact]
    public void A_file_value_applies_after_set_string_and_before_set_literal_as_the_files_whole_text()
    {
        var values = Map();

        SetValues.Apply(values, [
            new ValueOverride(ValueOverrideKind.SetLiteral, "lit=literal"),
            new ValueOverride(ValueOverrideKind.SetFile, "lit=from file"),
            new ValueOverride(ValueOverrideKind.SetFile, "conf.text=line 1, with a comma\nline 2\n"),
            new ValueOverride(ValueOverrideKind.SetString, "conf.text=string,lit=string"),
        ]);

        Assert.Equal("{conf:{text:\"line 1, with a comma\nline 2\n\"},lit:\"literal\"}", ValueText.Of(values));
        Assert.Equal("--set-file", new ValueOverride(ValueOverrideKind.SetFile, "a=b").Flag);
    }

    [Fact]
    public void Set_values_reach_the_templates_after_the_values_files()
    {
        var files = new[]
        {
            Rendering.ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: s\nversion: 1.0.0\n"),
            Rendering.ChartFiles.Text("values.yaml", "a: chart\ndrop: 1\nnum: 5\n"),
            Rendering.ChartFiles.Text("templates/cm.yaml", "{{ toYaml .Values }}\ntype: {{ printf \"%T\" .Values.num }}\n"),
        };
        var options = new RenderOptions
        {
            ValuesFiles = ["a: file\nlist: [x, y]\n"],
            Overrides = [new(ValueOverrideKind.Set, "drop=null,list[1]=z,num=7"), new(ValueOverrideKind.SetString, "a=cli")],
        };

        Assert.Equal(
            "---\n# Source: s/templates/cm.yaml\na: cli\nlist:\n- x\n- z\nnum: 7\ntype: int64\n",
            ChartRenderer.Render(FileSet.From(files), options));
    }

    [Fact]
    public void A_malformed_flag_fails_the_render()
    {
        var files = new[] { Rendering.ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: s\nversion: 1.0.0\n") };
        var options = new RenderOptions { Overrides = [new(ValueOverrideKind.Set, "a")] };

        Assert.Equal("failed parsing --set data: key \"a\" has no value",
            Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), options)).Message);
    }

    private static Dictionary<string, object?> Map(params object?[] pairs)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < pairs.Length; i += 2)
        {
            map[(string)pairs[i]!] = pairs[i + 1];
        }
        return map;
    }
}
