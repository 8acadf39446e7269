namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's dictionary functions.</summary>
public class SprigDictionaryTests
{
    [Theory]
    [InlineData("{{ dict \"b\" 2 \"a\" 1 }} {{ dict }} {{ dict \"odd\" }} {{ dict 1 \"one\" nil \"n\" }}", "map[a:1 b:2] map[] map[odd:] map[1:one <nil>:n]")]
    [InlineData("{{ get .a \"s\" }} [{{ get .a \"zz\" }}] [{{ get .a \"n\" }}] {{ hasKey .a \"n\" }} {{ hasKey .a \"zz\" }}", "text [] [<no value>] true false")]
    [InlineData("{{ $d := dict \"a\" 1 }}{{ $_ := set $d \"b\" 2 }}{{ $d }} {{ unset $d \"a\" }} {{ $d }}", "map[a:1 b:2] map[b:2] map[b:2]")]
    [InlineData("{{ pluck \"b\" .a .m (dict) }} {{ keys .m | sortAlpha }} {{ keys .a .m | sortAlpha }} {{ values (dict \"k\" 1) }}", "[1 2] [a b] [a b b n s] [1]")]
    [InlineData("{{ pick .a \"b\" \"zz\" }} {{ omit .a \"b\" }} {{ pick .a }} {{ omit .m }}", "map[b:1] map[n:<nil> s:text] map[] map[a:1 b:2]")]
    public void Building_and_reading(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ dig \"a\" \"s\" \"none\" . }} {{ dig \"a\" \"zz\" \"none\" . }} {{ dig \"zz\" \"q\" 5 . }} [{{ dig \"a\" \"n\" \"d\" . }}]", "text none 5 [<no value>]")]
    [InlineData("{{ dig \"a\" \"s\" \"x\" \"d\" . }}", "error calling dig: interface conversion: interface {} is string, not map[string]interface {}")]
    [InlineData("{{ dig \"a\" \"n\" \"x\" \"d\" . }}", "error calling dig: interface conversion: interface {} is nil, not map[string]interface {}")]
    [InlineData("{{ dig \"a\" . }}", "error calling dig: dig needs at least three arguments")]
    public void Dig(string template, string expected)
    {
        var actual = expected.StartsWith("error", StringComparison.Ordinal) ? SprigEngine.CallError(template) : SprigEngine.Render(template);
        Assert.Equal(expected, actual);
    }

    /// <summary>merge fills missing and empty keys (false, 0 and "" count as empty); nil never fills.</summary>
    [Theory]
    [InlineData("{{ merge (dict \"a\" \"\" \"b\" false \"c\" 0 \"d\" \"keep\" \"e\" (list 1)) (dict \"a\" \"x\" \"b\" true \"c\" 5 \"d\" \"no\" \"e\" (list 2) \"f\" nil) }}", "map[a:x b:true c:5 d:keep e:[1]]")]
    [InlineData("{{ merge (dict \"m\" (dict \"a\" 1)) (dict \"m\" (dict \"a\" 2 \"b\" 2)) (dict \"m\" (dict \"c\" 3)) }}", "map[m:map[a:1 b:2 c:3]]")]
    [InlineData("{{ $d := dict \"a\" 1 }}{{ $_ := merge $d (dict \"b\" 2) }}{{ $d }} {{ merge (dict) }}", "map[a:1 b:2] map[]")]
    public void Merge_keeps_the_first_non_empty_value(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>mergeOverwrite lets later values win, nil and empty ones too, but a map never replaces a scalar.</summary>
    [Theory]
    [InlineData("{{ mergeOverwrite (dict \"a\" \"x\" \"m\" \"s\" \"n\" (dict \"q\" 1) \"l\" (list 1)) (dict \"a\" \"\" \"m\" (dict \"z\" 1) \"n\" \"str\" \"l\" (list) \"f\" nil) }}", "map[a: f:<nil> l:[] m:s n:str]")]
    [InlineData("{{ mergeOverwrite (dict \"m\" (dict \"a\" 1 \"b\" 1)) (dict \"m\" (dict \"b\" 2)) }} {{ mustMergeOverwrite (dict \"k\" 1) (dict \"k\" 2) }}", "map[m:map[a:1 b:2]] map[k:2]")]
    public void MergeOverwrite_lets_later_values_win(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ $c := deepCopy .a }}{{ $_ := set $c \"s\" \"changed\" }}{{ $c.s }} {{ .a.s }}", "changed text")]
    [InlineData("{{ deepCopy (list 1 (dict \"a\" (list 2))) }} {{ deepCopy \"s\" }} {{ mustDeepCopy 5 }} {{ printf \"%T\" (deepCopy .Strs) }}", "[1 map[a:[2]]] s 5 []string")]
    public void DeepCopy_copies_at_every_depth(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Fact]
    public void DeepCopy_of_nil_fails() =>
        Assert.Equal("error calling deepCopy: reflect: call of reflect.Value.Type on zero Value", SprigEngine.CallError("{{ deepCopy nil }}"));
}
