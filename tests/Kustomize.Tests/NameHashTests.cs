
namespace GitOpsHQ.Kustomize.Tests;

/// <summary>The name suffix of generated objects, checked against hashes kubectl kustomize printed.</summary>
public sealed class NameHashTests
{
    [Theory]
    [InlineData("configMapGenerator:\n- name: cm\n  literals: [a=b]\n", "cm-4h2mbtbbt6")]
    [InlineData("configMapGenerator:\n- name: other-name\n  literals: [a=b]\n", "other-name-4h2mbtbbt6")]
    [InlineData("configMapGenerator:\n- name: cm\n  literals: [a=c]\n", "cm-8f2d5hh62d")]
    [InlineData("configMapGenerator:\n- name: empty\n", "empty-6ct58987ht")]
    [InlineData("secretGenerator:\n- name: sec\n  literals: [pw=hunter2]\n", "sec-9b766bfc5b")]
    [InlineData("secretGenerator:\n- name: emptys\n", "emptys-46f8b28mk5")]
    [InlineData("namePrefix: p-\nconfigMapGenerator:\n- name: cm\n  literals: [a=b]\n", "p-cm-4h2mbtbbt6")]
    [InlineData("configMapGenerator:\n- name: cm\n  literals: [\"a=x\\tw\\u2028v\\u2029\\r\\\"\\\\/\"]\n", "cm-8ktgg8md8k")]
    [InlineData("configMapGenerator:\n- name: cm\n  literals: [\"a=x\\by\"]\n", "cm-gf8748767c")]
    [InlineData("configMapGenerator:\n- name: cm\n  literals: [\"h=<a&b>\", \"é=1\", \"z=2\", \"Z=3\", \"\\U0001F600=4\", \"\\uFF5E=5\"]\n", "cm-t8tdhcf96k")]
    [InlineData("secretGenerator:\n- name: s\n  type: kubernetes.io/tls\n  literals: [a=1]\n", "s-hm5f724df9")]
    public void Generated_names_get_kustomizes_hash(string kustomization, string name) =>
        Assert.Contains($"  name: {name}\n", Build.Run(("kustomization.yaml", kustomization)));

    [Fact]
    public void Labels_annotations_namespace_and_immutable_do_not_change_the_hash()
    {
        var output = Build.Run(("kustomization.yaml",
            "configMapGenerator:\n- name: cm\n  namespace: x\n  literals: [a=b]\n  options:\n    immutable: true\n    labels: {l: v}\n    annotations: {n: v}\n"));
        Assert.Contains("  name: cm-4h2mbtbbt6\n", output);
    }
}
