using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Kustomize;

namespace GitOpsHQ.Plugins.Tests.Kustomize;

public class KustomizeValidationTests
{
    private const string Deployment = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n";
    private const string Patch = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n";

    private static Task<ValidateResponse> Validate(params (string Path, string Content)[] files) =>
        new KustomizeBaseHandler().Validate(Artifact.ValidateRequest("web", Artifact.Files(files)), Artifact.Call());

    private static Task<ValidateResponse> ValidateBase(string kustomization, params (string Path, string Content)[] more) =>
        Validate([("kustomization.yaml", kustomization), ("deployment.yaml", Deployment), .. more]);

    public static TheoryData<string, (string Path, string Content)[], string, string, int> Broken => new()
    {
        { "resources:\n  - deployment.yaml\n  - missing.yaml\n", [], "kustomization.yaml", "resources[1]: 'missing.yaml' does not exist in the base", 3 },
        { "resources:\n  - ../shared/deployment.yaml\n", [], "kustomization.yaml", "resources[0]: '../shared/deployment.yaml' is outside the base", 2 },
        { "resources:\n  - /etc/deployment.yaml\n", [], "kustomization.yaml", "is outside the base", 2 },
        { "resources:\n  - extras\n", [("extras/cm.yaml", Deployment)], "kustomization.yaml", "resources[0]: 'extras' is a directory without a kustomization.yaml", 2 },
        { "resources: deployment.yaml\n", [], "kustomization.yaml", "resources must be a list, not a string", 1 },
        { "resources:\n  - {a: b}\n", [], "kustomization.yaml", "resources[0] must be a path, not a map", 2 },
        { "resources:\n  - sub\n", [("sub/kustomization.yaml", "resources:\n  - nothing.yaml\n")], "sub/kustomization.yaml", "resources[0]: 'nothing.yaml' does not exist", 2 },
        { "resources:\n  - sub\n", [("sub/kustomization.yaml", "resources:\n  - ../deployment.yaml\n  - ../../x.yaml\n")], "sub/kustomization.yaml", "'../../x.yaml' is outside the base", 3 },
        { "resources:\n  - sub\n", [("sub/kustomization.yaml", "resources:\n  - ..\n")], "sub/kustomization.yaml", "a cycle", 2 },
        { "components:\n  - deployment.yaml\n", [], "kustomization.yaml", "components[0]: 'deployment.yaml' is a file; components are directories", 2 },
        { "components:\n  - comp\n", [("comp/kustomization.yaml", "kind: Kustomization\n")], "comp/kustomization.yaml", "is used as a component, so it needs kind: Component", 1 },
        { "components:\n  - missing\n", [], "kustomization.yaml", "components[0]: 'missing' does not exist in the base", 2 },
        { "crds:\n  - crds/widget.yaml\n", [], "kustomization.yaml", "crds[0]: 'crds/widget.yaml' does not exist in the base", 2 },
        { "resources:\n  - deployment.yaml\npatches:\n  - path: patches/replicas.yaml\n", [], "kustomization.yaml", "patches[0].path: 'patches/replicas.yaml' does not exist in the base", 4 },
        { "resources:\n  - deployment.yaml\npatches:\n  - target:\n      kind: Deployment\n", [], "kustomization.yaml", "patches[0] needs a path to a file or an inline patch", 4 },
        { "resources:\n  - deployment.yaml\npatches:\n  - patches\n", [("patches/a.yaml", Patch)], "kustomization.yaml", "patches[0] must be a map with path", 4 },
        { "patchesStrategicMerge:\n  - missing-patch.yaml\n", [], "kustomization.yaml", "patchesStrategicMerge[0]: 'missing-patch.yaml' does not exist", 2 },
        { "patchesJson6902:\n  - path: patch.yaml\n", [("patch.yaml", "- op: remove\n  path: /spec\n")], "kustomization.yaml", "patchesJson6902[0] needs a target", 2 },
        { "patchesJson6902:\n  - target: {kind: Deployment}\n    path: missing.json\n", [], "kustomization.yaml", "patchesJson6902[0].path: 'missing.json' does not exist", 3 },
        { "configMapGenerator:\n  - name: settings\n    files:\n      - app.properties\n      - cfg=conf/missing.properties\n", [("app.properties", "a=b")], "kustomization.yaml", "configMapGenerator[0].files[1]: 'conf/missing.properties' does not exist", 5 },
        { "configMapGenerator:\n  - name: settings\n    envs:\n      - missing.env\n", [], "kustomization.yaml", "configMapGenerator[0].envs[0]: 'missing.env' does not exist", 4 },
        { "secretGenerator:\n  - name: creds\n    env: missing.env\n", [], "kustomization.yaml", "secretGenerator[0].env: 'missing.env' does not exist", 3 },
        { "secretGenerator:\n  - name: creds\n    files:\n      - ../../etc/shadow\n", [], "kustomization.yaml", "'../../etc/shadow' is outside the base", 4 },
        { "configMapGenerator: settings\n", [], "kustomization.yaml", "configMapGenerator must be a list", 1 },
        { "openapi:\n  path: schemas/missing.json\n", [], "kustomization.yaml", "openapi.path: 'schemas/missing.json' does not exist", 2 },
        { "replacements:\n  - path: replacements/missing.yaml\n", [], "kustomization.yaml", "replacements[0].path: 'replacements/missing.yaml' does not exist", 2 },
        { "transformers:\n  - missing-transformer.yaml\n", [], "kustomization.yaml", "transformers[0]: 'missing-transformer.yaml' does not exist", 2 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels: {}\n")], "bad.yaml", "metadata.name is required", 4 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "apiVersion: v1\nkind: ConfigMap\n")], "bad.yaml", "metadata with a name is required", 1 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", Deployment + "---\n- a\n- b\n")], "bad.yaml", "must be a Kubernetes object", 6 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n")], "bad.yaml", "items[0] metadata with a name is required", 4 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "apiVersion: v1\nkind: [ConfigMap]\nmetadata:\n  name: x\n")], "bad.yaml", "kind must be a string, not a list", 2 },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [\n")], "bad.yaml", "Invalid YAML", 7 },
        { "resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n", [("patch.yaml", "spec: [\n")], "patch.yaml", "Invalid YAML", 2 },
        { "resources:\n  - deployment.yaml\n  - [\n", [], "kustomization.yaml", "Invalid YAML", 4 },
        { "- deployment.yaml\n", [], "kustomization.yaml", "must be a map of kustomization fields, not a list", 1 },
        { "# nothing\n", [], "kustomization.yaml", "kustomization.yaml is empty", 0 },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public async Task Each_rule_reports_the_referencing_file_and_line(
        string kustomization, (string Path, string Content)[] more, string file, string fragment, int line)
    {
        Expect.Error(await ValidateBase(kustomization, more), file, fragment, line);
    }

    /// <summary>Findings kustomize itself does not refuse: the base builds, so it validates, and they stay as warnings.</summary>
    public static TheoryData<string, (string Path, string Content)[], string, string> BuildsDespite => new()
    {
        { "kind: Component\nresources:\n  - deployment.yaml\n", [], "kustomization.yaml", "kind must be Kustomization here, not 'Component'" },
        { "resources:\n  - bad.yaml\n", [("bad.yaml", "kind: ConfigMap\nmetadata:\n  name: x\n")], "bad.yaml", "apiVersion is required" },
    };

    [Theory]
    [MemberData(nameof(BuildsDespite))]
    public async Task What_the_build_accepts_validates_and_the_findings_are_warnings(
        string kustomization, (string Path, string Content)[] more, string file, string fragment)
    {
        var response = await ValidateBase(kustomization, more);
        Assert.True(response.Valid, Artifact.Show(response.Diagnostics));
        Expect.Warning(response, file, fragment);
    }

    public static TheoryData<string, (string Path, string Content)[]> Valid => new()
    {
        { "resources:\n  - deployment.yaml\n", [] },
        { "resources:\n  - ./deployment.yaml\n  - sub/\n", [("sub/kustomization.yml", "resources:\n  - cm.yaml\n"), ("sub/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")] },
        { "resources:\n  - sub\n", [("sub/Kustomization", "resources:\n  - cm.yaml\n"), ("sub/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n")] },
        { "resources:\n  - list.yaml\n", [("list.yaml", "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: a\n")] },
        { "components:\n  - comp\n", [("comp/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n")] },
        { "crds:\n  - crd.yaml\n", [("crd.yaml", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n")] },
        { "resources:\n  - deployment.yaml\npatches:\n  - path: patch.yaml\n  - patch: |-\n      - op: replace\n        path: /spec/replicas\n        value: 3\n    target:\n      kind: Deployment\n", [("patch.yaml", Patch)] },
        { "configMapGenerator:\n  - name: s\n    files:\n      - app.properties\n      - other=conf/x.properties\n    envs:\n      - .env\n    literals:\n      - A=B\n", [("app.properties", "a=b"), ("conf/x.properties", "x"), (".env", "K=V")] },
        { "resources:\n  - deployment.yaml\n  - cm.yaml\nopenapi:\n  path: schema.json\nreplacements:\n  - path: r.yaml\n", [("schema.json", "{}"),
            ("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: y\n"),
            ("r.yaml", "source: {kind: ConfigMap, name: a, fieldPath: data.x}\ntargets:\n  - select: {kind: Deployment}\n    fieldPaths: [metadata.annotations.x]\n    options: {create: true}\n")] },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public async Task Well_formed_bases_are_clean(string kustomization, (string Path, string Content)[] more)
    {
        Expect.Clean(await ValidateBase(kustomization, more));
    }

    [Fact]
    public async Task A_base_needs_a_kustomization_at_its_root()
    {
        var response = await Validate(("deployment.yaml", Deployment), ("sub/kustomization.yaml", "resources: []\n"));

        Expect.Error(response, "", "no kustomization.yaml at its root", line: 0);
    }

    [Fact]
    public async Task A_base_needs_exactly_one_kustomization_file()
    {
        var response = await Validate(("kustomization.yaml", "resources: []\n"), ("Kustomization", "resources: []\n"));

        Expect.Error(response, "kustomization.yaml", "kustomization.yaml and Kustomization are both present");
    }

    [Theory]
    [InlineData("https://github.com/example/platform//base?ref=v1.2.0")]
    [InlineData("ssh://git@example.com/platform.git")]
    public async Task Remote_references_are_allowed_with_a_warning(string url)
    {
        var response = await ValidateBase($"resources:\n  - deployment.yaml\n  - {url}\n");

        Assert.True(response.Valid, Artifact.Show(response.Diagnostics));
        Expect.Warning(response, "kustomization.yaml", $"resources[1]: '{url}' is remote", line: 3);
    }

    /// <summary>Remote forms the built-in engine cannot build would never render, so they do not validate either.</summary>
    [Theory]
    [InlineData("github.com/example/platform/base?ref=main")]
    [InlineData("git@github.com:example/platform.git//base")]
    public async Task Remote_references_the_engine_cannot_build_are_refused_saying_so(string url)
    {
        var response = await ValidateBase($"resources:\n  - deployment.yaml\n  - {url}\n");

        Expect.Error(response, "kustomization.yaml", "is not supported yet by the built-in kustomize engine");
    }

    [Theory]
    [InlineData("bases:\n  - sub\n", "bases is deprecated")]
    [InlineData("resources:\n  - deployment.yaml\npatchesStrategicMerge:\n  - patch.yaml\n", "patchesStrategicMerge is deprecated")]
    [InlineData("resources:\n  - deployment.yaml\npatchesJson6902:\n  - target: {kind: Deployment}\n    path: patch.yaml\n", "patchesJson6902 is deprecated")]
    public async Task Deprecated_fields_still_work_but_warn(string kustomization, string fragment)
    {
        var response = await ValidateBase(kustomization, ("patch.yaml", Patch), ("sub/kustomization.yaml", "resources:\n  - cm.yaml\n"),
            ("sub/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"));

        Assert.True(response.Valid, Artifact.Show(response.Diagnostics));
        Expect.Warning(response, "kustomization.yaml", fragment);
    }

    [Fact]
    public async Task Inline_strategic_merge_patches_are_not_paths()
    {
        var response = await ValidateBase("resources:\n  - deployment.yaml\npatchesStrategicMerge:\n  - |-\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata:\n      name: web\n");

        Assert.True(response.Valid, Artifact.Show(response.Diagnostics));
    }
}
