namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Each built-in transformer on its own.</summary>
public sealed class TransformerTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.0
                envFrom:
                - configMapRef:
                    name: cfg
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: cfg

        """;

    [Fact]
    public void Namespace_is_set_on_namespaced_resources_and_names_the_namespace_object()
    {
        var output = Build.One(Deployment + "---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n", "namespace: prod\n");
        Assert.Contains("  name: web\n  namespace: prod\n", output);
        Assert.Contains("kind: Namespace\nmetadata:\n  name: prod\n---", output);
    }

    [Fact]
    public void Prefix_and_suffix_rename_and_fix_config_map_references()
    {
        var output = Build.One(Deployment, "namePrefix: a-\nnameSuffix: -z\n");
        Assert.Contains("  name: a-web-z\n", output);
        Assert.Contains("            name: a-cfg-z\n", output);
    }

    [Fact]
    public void Common_labels_reach_selectors_and_templates()
    {
        var output = Build.One(Deployment, "commonLabels:\n  team: t\n");
        Assert.Equal(4, output.Split("team: t").Length - 1);
    }

    [Fact]
    public void Labels_without_selectors_leave_selectors_alone()
    {
        var output = Build.One(Deployment, "labels:\n- pairs:\n    team: t\n  includeTemplates: true\n");
        Assert.Contains("matchLabels:\n      app: web\n  template", output);
        Assert.Equal(3, output.Split("team: t").Length - 1);
    }

    [Fact]
    public void Common_annotations_reach_pod_templates()
    {
        var output = Build.One(Deployment, "commonAnnotations:\n  note: hi\n");
        Assert.Equal(3, output.Split("note: hi").Length - 1);
    }

    [Theory]
    [InlineData("newTag: \"2.0\"", "nginx:2.0")]
    [InlineData("newName: my/nginx", "my/nginx:1.0")]
    [InlineData("digest: sha256:abc", "nginx@sha256:abc")]
    public void Images_rewrite_matching_containers(string change, string image) =>
        Assert.Contains($"image: {image}\n", Build.One(Deployment, $"images:\n- name: nginx\n  {change}\n"));

    [Fact]
    public void Replicas_set_the_count_of_named_workloads() =>
        Assert.Contains("  replicas: 4\n", Build.One(Deployment, "replicas:\n- name: web\n  count: 4\n"));

    [Fact]
    public void Replicas_naming_nothing_fail() =>
        Assert.Contains("does not match a config", Build.Fails(
            ("kustomization.yaml", "resources:\n- r.yaml\nreplicas:\n- name: nope\n  count: 1\n"), ("r.yaml", Deployment)).Message);

    // kubectl kustomize v5.5 prints these for the value PEACH inserted at the position into the path held.
    [Theory]
    [InlineData("\"\"", 1, "PEACH")]
    [InlineData("/", 3, "/PEACH")]
    [InlineData("pie", 1, "PEACH/pie")]
    [InlineData("/pie", 1, "/PEACH/pie")]
    [InlineData("raw", 2, "raw/PEACH")]
    [InlineData("/raw", 2, "/raw/PEACH")]
    [InlineData("a/nice/warm/pie", 4, "a/nice/warm/PEACH/pie")]
    [InlineData("/a/nice/warm/pie", 4, "/a/nice/warm/PEACH/pie")]
    [InlineData("a//b/./c/../d", 9, "a/b/d/PEACH")]
    [InlineData("../x", 1, "x")]
    public void Value_add_inserts_the_value_into_a_path_and_cleans_it(string path, int position, string expected)
    {
        var output = Build.Run(
            ("kustomization.yaml", $"resources: [r.yaml]\ntransformers:\n- |-\n  apiVersion: builtin\n  kind: ValueAddTransformer\n  metadata:\n    name: v\n  value: PEACH\n  targets:\n  - fieldPath: data/p\n    filePathPosition: {position}\n"),
            ("r.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  p: {path}\n"));
        Assert.Contains($"  p: {expected}\n", output);
    }
}
