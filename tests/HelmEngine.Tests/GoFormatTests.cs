using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Go's fmt for C# values standing for Go values.</summary>
public class GoFormatTests
{
    [Fact]
    public void Values_print_with_their_Go_text()
    {
        Assert.Equal("<nil>", GoFormat.Value(null));
        Assert.Equal("1e+06", GoFormat.Value(1000000.0));
        Assert.Equal("3.14", GoFormat.Value(3.14));
        Assert.Equal("1.5", GoFormat.Value(1.5f));
        Assert.Equal("42", GoFormat.Value((nint)42));
        Assert.Equal("[1 2 3]", GoFormat.Value(new List<object?> { 1.0, 2.0, 3.0 }));
        Assert.Equal("[a b]", GoFormat.Value(new[] { "a", "b" }));
        Assert.Equal("map[a:1 b:[x]]", GoFormat.Value(new Dictionary<string, object?> { ["b"] = new List<string> { "x" }, ["a"] = 1L }));
        Assert.Equal("[104 105]", GoFormat.Value("hi"u8.ToArray()));
        Assert.Equal("(1+2i)", GoFormat.Value(new System.Numerics.Complex(1, 2)));
    }

    [Fact]
    public void Map_keys_sort_by_code_point()
    {
        var map = new Dictionary<string, object?> { ["é"] = 1.0, ["z"] = 2.0, ["Z"] = 3.0, ["\U0001F600"] = 4.0, ["\uFF21"] = 5.0 };
        Assert.Equal("map[Z:3 z:2 é:1 Ａ:5 😀:4]", GoFormat.Value(map));
    }

    [Fact]
    public void Print_puts_spaces_between_operands_that_are_not_strings()
    {
        Assert.Equal("1 2ab3 true", GoFormat.Sprint([(nint)1, (nint)2, "a", "b", (nint)3, true]));
        Assert.Equal("a 1 <nil>\n", GoFormat.Sprintln(["a", (nint)1, null]));
    }

    [Theory]
    [InlineData("%T %T %T %T %T", "int int64 int32 uint8 float32")]
    [InlineData("%v|%d|%x", "7|7|7")]
    public void Go_integer_types_keep_their_names(string format, string expected)
    {
        object?[] args = format.StartsWith("%T") ? [(nint)1, 2L, 3, (byte)4, 5f] : [(nint)7, 7L, 7];
        Assert.Equal(expected, GoFormat.Sprintf(format, args));
    }

    [Fact]
    public void Typed_collections_have_Go_type_names()
    {
        Assert.Equal("[]string map[string]interface {} []interface {} map[string]int64 func(string, ...interface {}) string",
            GoFormat.Sprintf("%T %T %T %T %T",
                new List<string>(), new Dictionary<string, object?>(), new List<object?>(), new Dictionary<string, long>(),
                new GoFunction("f", [GoType.String, GoType.Any], GoType.String, (_, _) => "", true)));
    }

    [Fact]
    public void Objects_print_as_structs_or_through_their_String_method()
    {
        var plain = new GoStruct("chart.Metadata").Field("Name", "web").Field("Version", "1.0");
        var named = new GoStruct("chartutil.KubeVersion").Field("Version", "v1.30.0")
            .Method(new GoFunction("String", [], GoType.String, (_, _) => "v1.30.0"));
        Assert.Equal("{web 1.0}|{Name:web Version:1.0}|chart.Metadata{Name:\"web\", Version:\"1.0\"}",
            GoFormat.Sprintf("%v|%+v|%#v", plain, plain, plain));
        Assert.Equal("v1.30.0|\"v1.30.0\"|[v1.30.0]", GoFormat.Sprintf("%v|%q|%v", named, named, new List<object?> { named }));
        Assert.Equal("kube v1.30.0", Engine.Render("kube {{ .KubeVersion }}", Engine.Map(("KubeVersion", named))));
    }

    [Fact]
    public void Values_helpers_follow_Go()
    {
        Assert.False(GoTruth.IsTrue(0.0));
        Assert.False(GoTruth.IsTrue(new Dictionary<string, object?>()));
        Assert.False(GoTruth.IsTrue(NoValue.Instance));
        Assert.True(GoTruth.IsTrue(new GoStruct("T")));
        Assert.True(GoTruth.IsTrue((nuint)1));
        Assert.True(GoOrder.CompareStrings("\uFFFF", "\U00010000") < 0);
        Assert.Equal("[]map[string][]string", GoTypes.NameOf(typeof(List<Dictionary<string, List<string>>>)));
    }
}
