using GitOpsHQ.Files;
using System.Text;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Each build limit stops a base that passes it, with an error naming the limit; a base within it builds.</summary>
public sealed class LimitsTests
{
    private static FileSet Files(params (string Path, string Text)[] files) =>
        FileSet.FromTexts(files);

    private static string ConfigMaps(int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => $"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{i}\n"));

    private static string Run(BuildLimits limits, params (string Path, string Text)[] files) =>
        KustomizeBuild.Run(Files(files), "", limits);

    private static string Fails(BuildLimits limits, params (string Path, string Text)[] files) =>
        Assert.Throws<KustomizeBuildException>(() => Run(limits, files)).Message;

    [Fact]
    public void Resource_count_is_bounded_generated_resources_included()
    {
        var limits = BuildLimits.Default with { MaxResources = 3 };
        Assert.Contains("name: c2", Run(limits, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", ConfigMaps(3))));
        Assert.Contains("more than the limit of 3 resources",
            Fails(limits, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", ConfigMaps(4))));
        Assert.Contains("more than the limit of 3 resources", Fails(limits,
            ("kustomization.yaml", "resources: [r.yaml]\nconfigMapGenerator:\n- name: g\n  literals: [a=b]\n"), ("r.yaml", ConfigMaps(3))));
    }

    [Fact]
    public void Generators_beyond_the_resource_limit_are_refused_before_any_runs()
    {
        // 20,000 generator entries: refused from their count, not after thousands of them were built.
        var generators = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"- name: g{i}\n  literals: [a=b]\n"));
        var error = Fails(BuildLimits.Default, ("kustomization.yaml", "configMapGenerator:\n" + generators));
        Assert.Contains("more than the limit of 10000 resources", error);
        Assert.Contains("name: g1-", Run(BuildLimits.Default, ("kustomization.yaml", "configMapGenerator:\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"- name: g{i}\n  literals: [a=b]\n")))));
    }

    [Fact]
    public void Document_size_is_bounded()
    {
        var big = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n  a: " + new string('x', 2000) + "\n";
        var error = Fails(BuildLimits.Default with { MaxDocumentSize = 1000 }, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", big));
        Assert.Contains("r.yaml: a YAML document of", error);
        Assert.Contains("over the build limit of 1000", error);
    }

    [Fact]
    public void Nesting_depth_is_bounded_before_the_document_is_loaded()
    {
        var deep = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata:\n  a: \"\"\nx: " + new string('[', 100_000) + new string(']', 100_000) + "\n";
        Assert.Contains("nested deeper than the build limit of 100 levels",
            Fails(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", deep)));
        var fine = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\nx: " + new string('[', 50) + new string(']', 50) + "\n";
        Assert.Contains("name: ok", Run(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", fine)));
    }

    [Fact]
    public void Aliases_cannot_expand_a_file_without_bound()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\nl0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 9; i++)
        {
            bomb.Append($"l{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
        }

        Assert.Contains("expands to more than the build limit of 2000000 values",
            Fails(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", bomb.ToString())));
    }

    [Fact]
    public void Total_input_size_is_bounded()
    {
        var limits = BuildLimits.Default with { MaxInputBytes = 200 };
        Assert.Contains("over the build limit of 200 bytes",
            Fails(limits, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", ConfigMaps(5))));
    }

    [Fact]
    public void Kustomization_nesting_depth_is_bounded()
    {
        var files = Enumerable.Range(0, 6)
            .Select(i => (Path: string.Concat(Enumerable.Repeat("b/", i)) + "kustomization.yaml", Text: i < 5 ? "resources: [b]\n" : "resources: [r.yaml]\n"))
            .Append(("b/b/b/b/b/r.yaml", ConfigMaps(1)))
            .ToArray();
        Assert.Contains("name: c0", Run(BuildLimits.Default with { MaxKustomizationDepth = 6 }, files));
        Assert.Contains("kustomizations nested deeper than the build limit of 5 levels at 'b/b/b/b/b'",
            Fails(BuildLimits.Default with { MaxKustomizationDepth = 5 }, files));
    }

    [Fact]
    public void Aliases_within_the_limits_expand_and_unknown_ones_fail()
    {
        const string head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
        Assert.Contains("data:\n  a: x\n  b: x\n", Run(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", head + "data:\n  a: &v x\n  b: *v\n")));
        Assert.Contains("unknown anchor 'w'",
            Fails(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", head + "data:\n  a: &v x\n  b: *w\n")));
    }

    [Theory]
    [InlineData("a: [")]
    [InlineData("- a\nb: c")]
    [InlineData("a: *nowhere")]
    [InlineData("? [a]\n: b")]
    [InlineData("&a [*a]")]
    [InlineData("a: b\na: c")]
    [InlineData("{a: b, *x : c}")]
    [InlineData("--- !!binary aGk=")]
    [InlineData("a:\n\t- b")]
    public void Malformed_yaml_fails_with_a_build_error(string text) =>
        Assert.NotEmpty(Fails(BuildLimits.Default, ("kustomization.yaml", "resources: [r.yaml]\n"), ("r.yaml", text)));
}
