namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's functions between strings and lists: split, join, sortAlpha, toStrings.</summary>
public class SprigStringListTests
{
    [Theory]
    [InlineData("{{ splitList \",\" \"a,,b\" }} {{ len (splitList \",\" \"\") }} {{ splitList \"\" \"héj\" }} {{ printf \"%T\" (splitList \",\" \"a\") }}", "[a  b] 1 [h é j] []string")]
    [InlineData("{{ $p := split \",\" \"a,b\" }}{{ $p._0 }}{{ $p._1 }} {{ len $p }} {{ split \"|\" \"x|y\" }}", "ab 2 map[_0:x _1:y]")]
    [InlineData("{{ splitn \" \" 2 \"a b c\" }} {{ len (splitn \",\" 0 \"a,b\") }} {{ splitn \",\" -1 \"a,b,c\" }}", "map[_0:a _1:b c] 0 map[_0:a _1:b _2:c]")]
    public void Splitting(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>join and toStrings take every non-nil element as text; a non-list is one element.</summary>
    [Theory]
    [InlineData("{{ join \"-\" .mixed }} {{ join \",\" .l }} [{{ join \",\" .n }}] {{ join \",\" \"solo\" }} {{ join \"+\" .Strs }} {{ join \"\" .Ints }}", "1-x 1,2,3 [] solo a+b 123")]
    [InlineData("{{ toStrings .mixed }} {{ len (toStrings .n) }} {{ toStrings 5 }} {{ printf \"%T\" (toStrings .l) }}", "[1 x] 0 [5] []string")]
    public void Joining(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>sortAlpha sorts the texts of a list's non-nil elements by byte; a non-list becomes its one text.</summary>
    [Theory]
    [InlineData("{{ sortAlpha (list \"b\" 10 2 \"a\" 1.5 nil true \"B\") }}", "[1.5 10 2 B a b true]")]
    [InlineData("{{ sortAlpha 5 }} {{ sortAlpha .n }} {{ sortAlpha (list) }} {{ sortAlpha .Ints }}", "[5] [<nil>] [] [1 2 3]")]
    public void Sorting(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));
}
