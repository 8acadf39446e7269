
namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Replacement field paths and value typing, one rule at a time.</summary>
public sealed class ReplacementTests
{
    private const string Resources = """
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: src
        data:
          text: "8080"
          number: 7
          dotted: a.b
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: ab
            image: one
            args: [x, "y"]
          - name: a.b
            image: two

        """;

    private static string Replaced(string fieldPath, string target, string options = "") =>
        Build.One(Resources, $"replacements:\n- source: {{kind: ConfigMap, fieldPath: \"{fieldPath}\"}}\n  targets:\n"
            + $"  - select: {{kind: Pod}}\n    fieldPaths: [\"{target}\"]\n" + (options.Length > 0 ? $"    options: {options}\n" : ""));

    [Fact]
    public void Dots_inside_element_selectors_do_not_split_the_path()
    {
        var segments = FieldPath.Parse("spec.containers.[name=a.b].image");
        Assert.Equal(4, segments.Count);
        Assert.Equal(new PathSegment.Element("name", "a.b"), segments[2]);
    }

    [Theory]
    [InlineData("*", typeof(PathSegment.Every))]
    [InlineData("12", typeof(PathSegment.Index))]
    [InlineData("[=-v]", typeof(PathSegment.Element))]
    [InlineData("-", typeof(PathSegment.Field))]
    [InlineData("[name]", typeof(PathSegment.Field))]
    public void Segments_are_recognised_by_their_shape(string text, Type kind) =>
        Assert.IsType(kind, FieldPath.Parse(text).Single());

    [Fact]
    public void Target_element_selectors_are_regular_expressions_found_anywhere() =>
        Assert.Contains("  - args:\n    - x\n    - \"y\"\n    image: \"8080\"\n    name: ab\n  - image: \"8080\"\n    name: a.b\n",
            Replaced("data.text", "spec.containers.[name=b].image"));

    [Fact]
    public void Source_element_selectors_compare_exactly()
    {
        var output = Build.One(Resources, "replacements:\n- source: {kind: Pod, fieldPath: \"spec.containers.[name=a.b].image\"}\n"
            + "  targets:\n  - select: {kind: ConfigMap}\n    fieldPaths: [data.text]\n");
        Assert.Contains("  text: two\n", output);
    }

    [Fact]
    public void An_existing_string_keeps_its_type_and_a_created_field_takes_the_plain_meaning()
    {
        var output = Replaced("data.number", "metadata.labels.n", "{create: true}");
        Assert.Contains("    \"n\": 7\n", output);
        Assert.Contains("    image: \"7\"\n    name: ab", Replaced("data.number", "spec.containers.0.image"));
        Assert.Contains("    \"n\": 8080\n", Replaced("data.text", "metadata.labels.n", "{create: true}"));
    }

    [Fact]
    public void Delimiter_and_index_replace_insert_or_append_a_part()
    {
        Assert.Contains("image: one-8080", Replaced("data.text", "spec.containers.0.image", "{delimiter: \"-\", index: 3}"));
        Assert.Contains("image: 8080-one", Replaced("data.text", "spec.containers.0.image", "{delimiter: \"-\", index: -1}"));
        Assert.Contains("image: \"8080\"", Replaced("data.text", "spec.containers.0.image", "{delimiter: \"-\", index: 0}"));
    }

    [Fact]
    public void Creating_under_an_element_selector_appends_the_element() =>
        Assert.Contains("  - image: a.b\n    name: new\n", Replaced("data.dotted", "spec.containers.[name=new].image", "{create: true}"));

    [Fact]
    public void A_wildcard_on_a_map_fails_like_kustomize() =>
        Assert.Equal("unable to find field \"metadata.*\" in replacement target: wrong node kind: expected SequenceNode but got MappingNode",
            Assert.Throws<KustomizeBuildException>(() => Replaced("data.text", "metadata.*")).Message);

    [Fact]
    public void A_missing_target_field_fails_unless_created() =>
        Assert.Equal("unable to find field \"spec.nothing\" in replacement target",
            Assert.Throws<KustomizeBuildException>(() => Replaced("data.text", "spec.nothing")).Message);
}
