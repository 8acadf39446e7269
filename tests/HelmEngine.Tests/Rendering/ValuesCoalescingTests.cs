using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

public class ValuesCoalescingTests
{
    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal);

    [Fact]
    public void User_values_win_and_maps_merge_deeply()
    {
        var chart = Map(("image", Map(("repository", "nginx"), ("tag", "1.0"))), ("replicas", 1.0));
        var user = Map(("image", Map(("tag", "2.0"))));

        var values = ValuesCoalescing.Coalesce(chart, user);

        Assert.Equal(1.0, values["replicas"]);
        var image = Assert.IsType<Dictionary<string, object?>>(values["image"]);
        Assert.Equal("nginx", image["repository"]);
        Assert.Equal("2.0", image["tag"]);
    }

    [Fact]
    public void Lists_are_replaced_not_merged()
    {
        var chart = Map(("hosts", new List<object?> { "a", "b" }));
        var user = Map(("hosts", new List<object?> { "c" }));

        Assert.Equal(new List<object?> { "c" }, ValuesCoalescing.Coalesce(chart, user)["hosts"]);
    }

    [Fact]
    public void Null_removes_a_key_the_chart_sets_at_any_depth()
    {
        var chart = Map(("top", "x"), ("nested", Map(("keep", 1.0), ("drop", 2.0))));
        var user = Map(("top", null), ("nested", Map(("drop", null))));

        var values = ValuesCoalescing.Coalesce(chart, user);

        Assert.False(values.ContainsKey("top"));
        Assert.Equal(Map(("keep", 1.0)), values["nested"]);
    }

    [Fact]
    public void Coalescing_leaves_its_inputs_unchanged()
    {
        var chart = Map(("nested", Map(("a", 1.0))));
        var user = Map(("nested", Map(("b", 2.0))));

        ValuesCoalescing.Coalesce(chart, user);

        Assert.Equal(Map(("a", 1.0)), chart["nested"]);
        Assert.Equal(Map(("b", 2.0)), user["nested"]);
    }

    [Fact]
    public void Later_values_files_merge_over_earlier_ones()
    {
        var first = Map(("config", Map(("a", 1.0), ("b", 1.0))), ("list", new List<object?> { 1.0 }));
        var second = Map(("config", Map(("b", 2.0))), ("list", new List<object?> { 2.0 }));

        var merged = ValuesCoalescing.MergeUserValues([first, second]);

        Assert.Equal(Map(("a", 1.0), ("b", 2.0)), merged["config"]);
        Assert.Equal(new List<object?> { 2.0 }, merged["list"]);
    }
}
