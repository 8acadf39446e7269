
namespace GitOpsHQ.Kustomize.Tests;

/// <summary>List merge rules read from a custom OpenAPI schema (the openapi field).</summary>
public sealed class CustomSchemaTests
{
    private const string Schema = """
        {"definitions": {
          "v1.Widget": {
            "x-kubernetes-group-version-kind": [{"group": "example.com", "version": "v1", "kind": "Widget"}],
            "properties": {"spec": {"$ref": "#/definitions/v1.WidgetSpec"}}
          },
          "v1.WidgetSpec": {
            "properties": {
              "parts": {"type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "id",
                        "items": {"$ref": "#/definitions/v1.Part"}},
              "tags": {"type": "array", "x-kubernetes-patch-strategy": "merge,retainKeys", "items": {"type": "string"}},
              "plain": {"type": "array", "items": {"type": "string"}},
              "loop": {"$ref": "#/definitions/v1.Loop"},
              "template": {"$ref": "#/definitions/io.k8s.api.core.v1.PodTemplateSpec"}
            }
          },
          "v1.Part": {
            "properties": {"subs": {"type": "array", "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "name"}}
          },
          "v1.Loop": {"$ref": "#/definitions/v1.Loop"}
        }}
        """;

    private static readonly Gvk Widget = new("example.com", "v1", "Widget");

    private static SchemaList At(string path, Gvk? gvk = null) => CustomSchema.Read(Schema, "schema.json").ListAt(gvk ?? Widget, path);

    [Fact]
    public void Keyed_lists_merge_by_their_key() => Assert.Equal(new SchemaList(SchemaListStrategy.MergeByKey, "id"), At("spec.parts"));

    [Fact]
    public void Lists_inside_list_items_are_found_through_the_items_schema() =>
        Assert.Equal(new SchemaList(SchemaListStrategy.MergeByKey, "name"), At("spec.parts.subs"));

    [Fact]
    public void Merge_without_a_key_is_a_set_union() => Assert.Equal(SchemaListStrategy.Union, At("spec.tags").Strategy);

    [Theory]
    [InlineData("spec.plain")]
    [InlineData("spec.unknown")]
    [InlineData("spec.loop.x")]
    public void Lists_the_schema_does_not_mark_are_replaced(string path) => Assert.Equal(SchemaList.Replace, At(path));

    [Fact]
    public void Kinds_the_schema_does_not_describe_have_no_merge_keys() =>
        Assert.Equal(SchemaList.Replace, At("spec.template.spec.containers", new Gvk("apps", "v1", "Deployment")));

    [Fact]
    public void A_reference_to_a_missing_definition_is_replaced_without_the_built_in_schema() =>
        Assert.Equal(SchemaList.Replace, At("spec.template.spec.containers"));

    [Fact]
    public void Over_the_built_in_schema_a_missing_definition_is_looked_up_there() =>
        Assert.Equal(new SchemaList(SchemaListStrategy.BuiltIn, Definition: "io.k8s.api.core.v1.PodTemplateSpec", Path: "spec.containers.volumeMounts"),
            CustomSchema.Read(Schema, "schema.json", overBuiltIn: true).ListAt(Widget, "spec.template.spec.containers.volumeMounts"));

    [Fact]
    public void Over_the_built_in_schema_other_kinds_keep_their_built_in_rules() =>
        Assert.Equal(new SchemaList(SchemaListStrategy.BuiltIn, Path: "spec.template.spec.containers"),
            CustomSchema.Read(Schema, "schema.json", overBuiltIn: true).ListAt(new Gvk("apps", "v1", "Deployment"), "spec.template.spec.containers"));

    [Fact]
    public void A_schema_that_is_not_an_object_fails_clearly() =>
        Assert.Contains("must be a JSON or YAML object", Assert.Throws<KustomizeBuildException>(() => CustomSchema.Read("[1]", "s.json")).Message);
}
