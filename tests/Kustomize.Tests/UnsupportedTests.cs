
namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Features outside this slice fail clearly instead of building something wrong.</summary>
public sealed class UnsupportedTests
{
    [Theory]
    [InlineData("generators:\n- |\n  apiVersion: example.com/v1\n  kind: MyGenerator\n", "generator plugins other than the built-in ConfigMap, Secret and IAMPolicy generators (example.com/v1/MyGenerator)")]
    [InlineData("helmCharts: []\n", "helmCharts")]
    [InlineData("transformers:\n- |\n  apiVersion: example.com/v1\n  kind: MyTransformer\n", "transformer plugins other than the built-in ones (example.com/v1/MyTransformer)")]
    public void Unsupported_fields_are_refused_by_name(string kustomization, string field)
    {
        var error = Build.Fails(("kustomization.yaml", kustomization));
        Assert.Equal($"{field} is not supported yet by the built-in kustomize engine", error.Message);
    }

    // Built-in plugin entries kustomize itself cannot load in that role, refused in its words (as kubectl v5.5 prints them).
    [Theory]
    [InlineData("generators", "FooGenerator", "loading generator plugins: failed to load generator: unable to load builtin FooGenerator.builtin.[noGrp]")]
    [InlineData("generators", "LabelTransformer", "loading generator plugins: failed to load generator: plugin LabelTransformer.builtin.[noGrp]/t.[noNs] not a generator")]
    [InlineData("transformers", "SortOrderTransformer", "unable to load builtin SortOrderTransformer.builtin.[noGrp]")]
    [InlineData("transformers", "ConfigMapGenerator", "plugin ConfigMapGenerator.builtin.[noGrp]/t.[noNs] not a transformer")]
    public void Built_in_plugins_kustomize_cannot_load_are_refused_as_kustomize_does(string field, string kind, string message)
    {
        var error = Build.Fails(("kustomization.yaml", $"{field}:\n- t.yaml\n"), ("t.yaml", $"apiVersion: builtin\nkind: {kind}\nmetadata:\n  name: t\n"));
        Assert.Equal(message, error.Message);
    }

    // kustomize prints these keys as "? key" entries: over 128 UTF-8 bytes, or holding a line break.
    [Theory]
    [InlineData(65, "")]
    [InlineData(1, "\\u2028")]
    public void Keys_kustomize_prints_as_complex_keys_are_refused(int accents, string separator)
    {
        var key = $"\"{new string('é', accents)}{separator}\"";
        var error = Build.Fails(
            ("kustomization.yaml", "resources:\n- r.yaml\n"),
            ("r.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  {key}: v\n"));
        Assert.Contains("complex keys are not supported yet", error.Message);
    }

    [Fact]
    public void Remote_resources_are_refused() =>
        Assert.Contains("remote resources is not supported yet", Build.Fails(
            ("kustomization.yaml", "resources:\n- https://github.com/acme/base?ref=v1\n")).Message);

    [Fact]
    public void Paths_leaving_the_artifact_are_refused() =>
        Assert.Contains("is not in or below", Build.Fails(("kustomization.yaml", "resources:\n- ../../etc/passwd\n")).Message);
}
