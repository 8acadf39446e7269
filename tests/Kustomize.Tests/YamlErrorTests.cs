using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize.Tests;

/// <summary>
/// A resource that is not YAML is refused in the words of kustomize's reader, line included (counted from the start of
/// the document that holds the fault). The expected texts are what kubectl kustomize v5.5 prints; where kubectl is
/// installed, the test checks that it still does.
/// </summary>
public sealed class YamlErrorTests
{
    private const string Head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n";

    public static TheoryData<string, string> Cases() => new()
    {
        { Head + "  a: [1,\n  b: 2\n", "yaml: line 5: did not find expected ',' or ']'" },
        { Head + "  a: {b: 1\n", "yaml: line 5: did not find expected ',' or '}'" },
        { Head + "  a: b: c\n", "yaml: line 6: mapping values are not allowed in this context" },
        { Head + "  a: 1\n  - b\n", "yaml: line 5: did not find expected key" },
        { "\n---\n" + Head + "  a: 1\n  - b\n", "yaml: line 5: did not find expected key" },
        { Head + "\ta: 1\n", "yaml: line 6: found character that cannot start any token" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Malformed_yaml_is_refused_as_kustomize_words_it(string resource, string words)
    {
        var expected = $"MalformedYAMLError: {words} in File: cm.yaml";
        var files = FileSet.FromTexts([("kustomization.yaml", "resources:\n- cm.yaml\n"), ("cm.yaml", resource)]);

        var error = Assert.Throws<KustomizeBuildException>(() => KustomizeBuild.Run(files));

        Assert.Equal($"accumulating resources from 'cm.yaml': {expected}", error.Message);
        if (KubectlKustomize.Installed)
        {
            var folder = Directory.CreateTempSubdirectory("gitopshq-yaml-error-").FullName;
            try
            {
                File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), "resources:\n- cm.yaml\n");
                File.WriteAllText(Path.Combine(folder, "cm.yaml"), resource);
                Assert.Contains(expected, KubectlKustomize.Build(folder).Error);
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
