namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's default, empty, coalesce, all, any and ternary.</summary>
public class SprigDefaultTests
{
    [Theory]
    [InlineData("{{ default \"d\" .empty }} {{ default \"d\" .zero }} {{ default \"d\" .n }} {{ default \"d\" .missing }} {{ default \"d\" .emptyList }} {{ default \"d\" .emptyMap }} {{ default \"d\" false }}", "d d d d d d d")]
    [InlineData("{{ default \"d\" .s }} {{ default \"d\" .l }} {{ default \"d\" .Obj.Name }} {{ default 1 2 }} {{ default \"only\" }} {{ .missing | default 7 }}", "hello [1 2 3] o 2 only 7")]
    [InlineData("{{ printf \"%T\" (default 1 .zero) }} {{ printf \"%T\" (default 1 .I64) }}", "int int64")]
    public void Default_replaces_empty_values(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ empty .empty }} {{ empty .zero }} {{ empty .n }} {{ empty .missing }} {{ empty .emptyList }} {{ empty .emptyMap }} {{ empty 0 }}", "true true true true true true true")]
    [InlineData("{{ empty .s }} {{ empty .l }} {{ empty .Obj }} {{ empty .t }} {{ empty .U }} {{ empty .Fn }}", "false false false false false false")]
    public void Empty(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ coalesce .empty .zero .s }} {{ coalesce .n 0 3 }} [{{ coalesce .n .empty }}] [{{ coalesce }}]", "hello 3 [<no value>] [<no value>]")]
    [InlineData("{{ all .s 1 }} {{ all .s 0 }} {{ all }} {{ any 0 .s }} {{ any 0 .n }} {{ any }}", "true false true true false false")]
    [InlineData("{{ ternary \"y\" \"n\" true }} {{ ternary \"y\" \"n\" false }} {{ .t | ternary 1 2 }}", "y n 1")]
    public void Coalesce_all_any_ternary(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Fact]
    public void Ternary_needs_a_bool() =>
        Assert.EndsWith("wrong type for value; expected bool; got string", SprigEngine.Error("{{ ternary 1 2 .s }}"));
}
