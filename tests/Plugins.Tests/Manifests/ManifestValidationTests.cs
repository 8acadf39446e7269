using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Manifests;

namespace GitOpsHQ.Plugins.Tests.Manifests;

public class ManifestValidationTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n";

    private static Task<ValidateResponse> Validate(params (string Path, string Content)[] files) =>
        new ManifestBundleHandler().Validate(Artifact.ValidateRequest("shop", Artifact.Files(files)), Artifact.Call());

    public static TheoryData<string, string, int> BrokenDocuments => new()
    {
        { "kind: ConfigMap\nmetadata:\n  name: a\n", "apiVersion is required", 1 },
        { "apiVersion: v1\nmetadata:\n  name: a\n", "kind is required", 1 },
        { "apiVersion: v1\nkind: ConfigMap\n", "metadata with a name is required", 1 },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: a\n", "metadata.name is required", 4 },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \"\"\n", "metadata.name must not be empty", 4 },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 42\n", "metadata.name must be a string, not an integer", 4 },
        { "apiVersion: 1\nkind: ConfigMap\nmetadata:\n  name: a\n", "apiVersion must be a string, not an integer", 1 },
        { "apiVersion: v1\nkind: ConfigMap\nmetadata: settings\n", "metadata with a name is required", 3 },
        { ConfigMap + "---\njust a string\n", "must be a Kubernetes object (a map with apiVersion, kind and metadata), not a string", 7 },
        { ConfigMap + "---\n- a\n", "must be a Kubernetes object", 7 },
        { ConfigMap + "data:\n  a: 'unterminated\n", "Invalid YAML", 7 },
        { "a: 1\n b: 2\n", "Invalid YAML", 2 },
    };

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public async Task Each_document_must_be_a_named_kubernetes_object(string manifest, string fragment, int line)
    {
        Expect.Error(await Validate(("app/objects.yaml", manifest)), "app/objects.yaml", fragment, line);
    }

    [Fact]
    public async Task Objects_defined_twice_name_both_files_and_lines()
    {
        var response = await Validate(
            ("a.yaml", ConfigMap),
            ("b.yml", "# again\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n"));

        var error = Expect.Error(response, "b.yml", "ConfigMap shop/settings is defined twice", line: 2);
        Assert.Contains("b.yml line 2 and a.yaml line 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicates_within_one_file_are_found_too()
    {
        var response = await Validate(("a.yaml", ConfigMap + "---\n" + ConfigMap));

        Expect.Error(response, "a.yaml", "a.yaml line 7 and a.yaml line 1", line: 7);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: other\n")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata:\n  name: settings\n  namespace: shop\n")]
    [InlineData("apiVersion: example.com/v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: shop\n")]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n")]
    public async Task Objects_differing_in_group_kind_namespace_or_name_are_distinct(string other)
    {
        Expect.Clean(await Validate(("a.yaml", ConfigMap), ("b.yaml", other)));
    }

    [Fact]
    public async Task The_same_kind_in_another_version_of_a_group_is_a_duplicate()
    {
        var response = await Validate(
            ("a.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"),
            ("b.yaml", "apiVersion: apps/v1beta2\nkind: Deployment\nmetadata:\n  name: web\n"));

        Expect.Error(response, "b.yaml", "Deployment.apps web is defined twice", line: 1);
    }

    [Fact]
    public async Task Other_files_are_ignored()
    {
        var response = await Validate(("a.yaml", ConfigMap), ("README.md", "# not: [yaml"), ("logo.png", "\0\x01"));

        Expect.Clean(response);
    }

    [Fact]
    public async Task Empty_documents_are_skipped()
    {
        Expect.Clean(await Validate(("a.yaml", "---\n# header\n---\n" + ConfigMap + "---\n")));
    }

    [Fact]
    public async Task An_empty_bundle_is_valid_with_a_warning()
    {
        var response = await Validate(("README.md", "# nothing yet\n"));

        Assert.True(response.Valid);
        Expect.Warning(response, "", "The bundle has no manifests");
    }

    [Fact]
    public async Task Manifest_files_without_objects_are_valid_with_a_warning()
    {
        var response = await Validate(("a.yaml", "# to do\n"));

        Assert.True(response.Valid);
        Expect.Warning(response, "", "hold no Kubernetes objects");
    }

    [Fact]
    public async Task Findings_beyond_the_limit_are_counted_not_listed()
    {
        var manifest = string.Join("---\n", Enumerable.Repeat("kind: ConfigMap\nmetadata:\n  name: a\n", 1500));

        var response = await Validate(("a.yaml", manifest));

        Assert.False(response.Valid);
        Assert.Equal(1001, response.Diagnostics.Count);
        Assert.Equal("500 more findings are not listed; fix the ones above first.", response.Diagnostics[^1].Message);
    }
}
