namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's list functions and their must forms.</summary>
public class SprigListTests
{
    [Theory]
    [InlineData("{{ list 1 \"a\" nil }} {{ list }} {{ printf \"%T\" (list) }} {{ tuple 1 2 }}", "[1 a <nil>] [] []interface {} [1 2]")]
    [InlineData("{{ first .l }} {{ last .l }} {{ rest .l }} {{ initial .l }} {{ first .Strs }} {{ last .Ints }}", "1 3 [2 3] [1 2] a 3")]
    [InlineData("[{{ first .emptyList }}] {{ rest .emptyList }} {{ initial .emptyList }} {{ mustFirst .l }} {{ mustRest .Strs }}", "[<no value>] [] [] 1 [b]")]
    [InlineData("{{ append .l 4 }} {{ push .Strs \"c\" }} {{ prepend .l 0 }} {{ mustAppend .emptyList nil }} {{ .l }}", "[1 2 3 4] [a b c] [0 1 2 3] [<nil>] [1 2 3]")]
    [InlineData("{{ concat .l .Strs .emptyList }} {{ concat }} {{ reverse .l }} {{ reverse .emptyList }}", "[1 2 3 a b] [] [3 2 1] []")]
    public void Building_and_taking_apart(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>uniq, without and has compare deeply and by type: 1 (int) and 1.0 (float64) differ.</summary>
    [Theory]
    [InlineData("{{ uniq (list 1 1.0 \"1\" 1 (list 1) (list 1)) }} {{ without (list 1 2 1 3) 1 3 }} {{ without (list 1 1.0) 1 }}", "[1 1 1 [1]] [2] [1]")]
    [InlineData("{{ has 2.0 .l }} {{ has 2 .l }} {{ has \"a\" .Strs }} {{ has 1 .n }} {{ has (list 1) (list (list 1)) }}", "true false true false true")]
    [InlineData("{{ compact (list 0 \"\" nil false (list) \"a\" 1) }} {{ compact .mixed }}", "[a 1] [1 x]")]
    public void Comparing_elements(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>Sprig's slice replaces Go's: list only, same element type, lenient indexes, nothing for empty lists.</summary>
    [Theory]
    [InlineData("{{ slice .l 1 }} {{ slice .l 1 2 }} {{ slice .l }} [{{ slice .emptyList 0 }}] {{ slice .l \"1\" 2.0 }}", "[2 3] [2] [1 2 3] [<no value>] [2]")]
    [InlineData("{{ printf \"%T\" (slice .Strs 1) }} {{ mustSlice .Ints 2 }}", "[]string [3]")]
    [InlineData("{{ chunk 2 .l }} {{ chunk 5 .Strs }} {{ chunk 1 .emptyList }} {{ mustChunk 1 .l }}", "[[1 2] [3]] [[a b]] [] [[1] [2] [3]]")]
    public void Slicing_and_chunking(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ first \"abc\" }}", "error calling first: Cannot find first on type string")]
    [InlineData("{{ mustLast 1 }}", "error calling mustLast: Cannot find last on type int")]
    [InlineData("{{ first nil }}", "error calling first: runtime error: invalid memory address or nil pointer dereference")]
    [InlineData("{{ append .m 1 }}", "error calling append: Cannot push on type map")]
    [InlineData("{{ prepend .s 1 }}", "error calling prepend: Cannot prepend on type string")]
    [InlineData("{{ compact \"x\" }}", "error calling compact: Cannot compact on type string")]
    [InlineData("{{ concat .l 2 }}", "error calling concat: Cannot concat type int as list")]
    [InlineData("{{ has 1 \"x\" }}", "error calling has: Cannot find has on type string")]
    [InlineData("{{ slice \"abc\" 1 }}", "error calling slice: list should be type of slice or array but string")]
    [InlineData("{{ slice .l 2 1 }}", "error calling slice: reflect.Value.Slice: slice index out of bounds")]
    [InlineData("{{ chunk 2 \"x\" }}", "error calling chunk: Cannot chunk type string")]
    [InlineData("{{ chunk 0 .l }}", "error calling chunk: runtime error: makeslice: len out of range")]
    public void List_errors(string template, string expected) => Assert.Equal(expected, SprigEngine.CallError(template));
}
