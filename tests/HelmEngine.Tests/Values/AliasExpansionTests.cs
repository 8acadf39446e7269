using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Values;

/// <summary>Values that alias anchors into an exponential expansion ("billion laughs") are refused, not expanded.</summary>
public sealed class AliasExpansionTests
{
    private static string Laughs(int levels)
    {
        var text = "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
        for (var i = 1; i < levels; i++)
            text += $"a{i}: &a{i} [" + string.Join(",", Enumerable.Repeat($"*a{i - 1}", 9)) + "]\n";
        return text;
    }

    [Fact]
    public void A_billion_laughs_in_values_is_refused_naming_the_limit()
    {
        var text = Laughs(9);
        Assert.True(text.Length < 1000);
        var refused = Assert.Throws<RenderException>(() => GoValuesYaml.ReadMap(text, "values.yaml"));
        Assert.Contains("excessive aliasing", refused.Message);
        Assert.Contains("values.yaml", refused.Message);
    }

    [Fact]
    public void Ordinary_aliases_still_expand_as_go_reads_them()
    {
        var values = GoValuesYaml.ReadMap(Laughs(3), "values.yaml");
        Assert.Equal(9, ((List<object?>)values["a2"]!).Count);
        Assert.Equal(9, ((List<object?>)((List<object?>)values["a2"]!)[0]!).Count);
    }

    [Fact]
    public void Flow_collections_nested_deeper_than_go_allows_are_refused_before_parsing()
    {
        var deep = "a: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        var refused = Assert.Throws<RenderException>(() => GoValuesYaml.ReadMap(deep, "values.yaml"));
        Assert.Contains("exceeded max depth of 10000", refused.Message);

        // Brackets inside quoted scalars and comments are text, and ordinary nesting reads as before.
        var text = "a: \"" + new string('[', 20_000) + "\"\nb: '" + new string('{', 20_000) + "' # " + new string('[', 20_000) + "\nc: [[1, {d: [2]}]]\n";
        var values = GoValuesYaml.ReadMap(text, "values.yaml");
        Assert.Equal(20_000, ((string)values["a"]!).Length);
        Assert.Single((List<object?>)values["c"]!);
    }
}
