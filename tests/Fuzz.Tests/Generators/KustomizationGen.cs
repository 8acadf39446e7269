using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// A kustomization with its neighbours: kustomization.yaml's fields given plausible values, values of the wrong shape
/// or random YAML, next to resources, a patch, a base folder and generator sources the fields may name.
/// </summary>
public static class KustomizationGen
{
    public static readonly string[] Fields =
    [
        "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels", "commonAnnotations",
        "patches", "patchesStrategicMerge", "patchesJson6902", "images", "imageTags", "replacements", "replicas", "vars", "sortOptions",
        "resources", "components", "crds", "bases", "configMapGenerator", "secretGenerator", "generatorOptions", "configurations",
        "transformers", "buildMetadata", "helmCharts", "generators", "unknownField", "Resources", "NAMEPREFIX",
    ];

    /// <summary>The other files of the artifact (the kustomization is kustomization.yaml at the root).</summary>
    public static readonly (string Path, string Text)[] Neighbours =
    [
        ("deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.25\n        env:\n        - name: A\n          valueFrom:\n            configMapKeyRef: {name: cm, key: a}\n"),
        ("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  a: \"1\"\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n"),
        ("patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n"),
        ("json-patch.yaml", "- op: replace\n  path: /spec/replicas\n  value: 2\n- op: add\n  path: /metadata/labels/x\n  value: y\n"),
        ("base/kustomization.yaml", "resources:\n- svc.yaml\nnamePrefix: base-\n"),
        ("base/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  ports: [{port: 8080}]\n"),
        ("app.env", "A=1\nB=two\n# c\nC\n"),
        ("file.txt", "hello\n"),
        ("config.yaml", "nameReference:\n- kind: ConfigMap\n  fieldSpecs:\n  - path: spec/x\n    kind: Deployment\n"),
    ];

    private static readonly string[] Names = ["deploy.yaml", "cm.yaml", "patch.yaml", "json-patch.yaml", "base", "base/", "./base", "missing.yaml", "../x", "/abs", "app.env", "file.txt", "config.yaml", "https://github.com/x/y//z?ref=v1", "git::https://example.com/a.git", ".", "deploy.yaml"];

    private static string Name(Random random) => random.Next(6) == 0 ? PathGen.Path(random) : random.Pick(Names);

    private static string List(Random random, Func<string> item) =>
        "\n" + string.Concat(Enumerable.Range(0, 1 + random.Next(3)).Select(_ => "- " + item() + "\n"));

    private static string Selector(Random random) => "{" + random.Pick(["kind: Deployment", "name: web", "group: apps, version: v1", "labelSelector: app=web", "kind: \"*\"", "name: \"[\""]) + "}";

    private static string Plausible(Random random, string field) => field switch
    {
        "apiVersion" => random.Pick([" kustomize.config.k8s.io/v1beta1", " kustomize.config.k8s.io/v1alpha1", " v1", " 1"]),
        "kind" => random.Pick([" Kustomization", " Component", " Deployment", " \"\""]),
        "namePrefix" or "nameSuffix" or "namespace" => " " + random.Pick(["p-", "-s", "ns", "", "\"a b\"", "UPPER", Strings.Word(random), "\"\\u0000\""]),
        "commonLabels" or "commonAnnotations" => " {" + random.Pick(["app: x", "a/b: c", "\"\": v", "k: 1", "k: null", "k: [1]"]) + "}",
        "labels" => List(random, () => "{pairs: {a: b}, includeSelectors: " + random.Pick(["true", "false", "x"]) + ", includeTemplates: true, fields: [{path: spec/x, kind: Deployment}]}"),
        "resources" or "bases" or "components" or "crds" or "patchesStrategicMerge" or "configurations" or "transformers" => List(random, () => Name(random)),
        "patches" => List(random, () => random.Next(2) == 0
            ? "{path: " + Name(random) + ", target: " + Selector(random) + "}"
            : "{patch: \"" + random.Pick(["[{op: remove, path: /spec}]", "apiVersion: apps/v1\\nkind: Deployment\\nmetadata: {name: web}\\nspec: {replicas: 9}", "- op: move\\n  from: /a\\n  path: /b", "$patch: delete", "{}"]) + "\", target: " + Selector(random) + ", options: {allowNameChange: true}}"),
        "patchesJson6902" => List(random, () => "{target: {group: apps, version: v1, kind: Deployment, name: web}, path: " + Name(random) + "}"),
        "images" or "imageTags" => List(random, () => "{name: " + random.Pick(["nginx", "*", "ngin[x", ""]) + ", newName: " + random.Pick(["reg/x", "a:b", "@sha256:x"]) + ", newTag: " + random.Pick(["\"2\"", "1.0", "\"\"", "[1]"]) + ", digest: " + random.Pick(["sha256:abc", "x"]) + "}"),
        "replicas" => List(random, () => "{name: " + random.Pick(["web", "*", "nope"]) + ", count: " + random.Pick(["2", "-1", "x", "99999999999", "1.5"]) + "}"),
        "replacements" => List(random, () => "{source: {kind: ConfigMap, name: cm, fieldPath: " + random.Pick(["data.a", "data.[x]", "metadata.name", "spec.template.spec.containers.[name=web].image", "a.*.b", "", "data.%"]) + "}, targets: [{select: " + Selector(random) + ", fieldPaths: [" + random.Pick(["spec.replicas", "metadata.labels.x", "spec.template.spec.containers.0.name", "spec.[", "*"]) + "], options: {create: " + random.Pick(["true", "false"]) + ", delimiter: \"" + random.Pick([".", "", "-"]) + "\", index: " + random.Pick(["0", "-1", "5", "x"]) + "}}]}"),
        "vars" => List(random, () => "{name: " + random.Pick(["V", "V", "$(V)", ""]) + ", objref: {kind: ConfigMap, name: cm, apiVersion: v1}, fieldref: {fieldpath: " + random.Pick(["data.a", "metadata.name", "x.y[0]", ""]) + "}}"),
        "configMapGenerator" or "secretGenerator" => List(random, () => "{name: " + random.Pick(["cm", "gen", "", "A B"]) + ", behavior: " + random.Pick(["create", "merge", "replace", "x"]) + ", literals: [" + random.Pick(["a=1", "b", "=c", "k=v=w", "\"\""]) + "], files: [" + random.Pick(["file.txt", "k=file.txt", "missing", "../x", "app.env"]) + "], envs: [" + random.Pick(["app.env", "file.txt", "missing.env"]) + "], options: {disableNameSuffixHash: " + random.Pick(["true", "false"]) + "}}"),
        "generatorOptions" => " {disableNameSuffixHash: " + random.Pick(["true", "false", "x"]) + ", labels: {a: b}, immutable: true}",
        "sortOptions" => " {order: " + random.Pick(["legacy", "fifo", "x", ""]) + ", legacySortOptions: {orderFirst: [Namespace], orderLast: [ValidatingWebhookConfiguration]}}",
        "openapi" => " {path: " + Name(random) + "}",
        "buildMetadata" => " [" + random.Pick(["originAnnotations", "transformerAnnotations", "managedByLabel", "x"]) + "]",
        "metadata" => " {name: " + Strings.Word(random) + ", annotations: {config.kubernetes.io/local-config: \"true\"}}",
        _ => " " + Strings.Word(random),
    };

    private static readonly string[] Shapes = [" ~", " \"\"", " 0", " []", " {}", " [1, [2]]", " {a: {b: c}}", " true", " -1", " \"x\"", " *a", " !!binary aGk=", "\n  - a: b\n    c: d", " &a [x]"];

    public static string Kustomization(Random random)
    {
        var text = new StringBuilder();
        if (random.Next(3) == 0) text.Append("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
        var fields = 1 + random.Next(5);
        for (var i = 0; i < fields; i++)
        {
            var field = random.Next(10) == 0 ? random.Pick(Fields) : random.Pick(["resources", "patches", "namePrefix", "configMapGenerator", "replacements", "images", "labels", "vars", "replicas", "commonLabels", "components", "namespace", "patchesJson6902", "secretGenerator"]);
            text.Append(field).Append(':');
            text.Append(random.Next(5) switch
            {
                0 => random.Pick(Shapes),
                _ => Plausible(random, field),
            });
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A kustomization.yaml (the input; the neighbours are fixed), sometimes mutated.</summary>
    public static byte[] Generate(Random random)
    {
        var bytes = Encoding.UTF8.GetBytes(Kustomization(random));
        return random.Next(4) == 0 ? Mutator.Mutate(random, bytes, YamlGen.Tokens) : bytes;
    }
}
