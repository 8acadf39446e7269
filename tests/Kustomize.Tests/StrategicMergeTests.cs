namespace GitOpsHQ.Kustomize.Tests;

/// <summary>Strategic merge patches, one rule at a time, on a small Pod.</summary>
public sealed class StrategicMergeTests
{
    private const string Pod =
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  finalizers: [a, b]\nspec:\n  containers:\n"
        + "  - name: one\n    image: i1\n    args: [x, y]\n    ports:\n    - containerPort: 80\n    - containerPort: 53\n      protocol: UDP\n"
        + "  - name: two\n    image: i2\n";

    // The patch names the Pod unless its body brings its own metadata.
    private static string Patched(string body) =>
        Build.One(Pod, "patches:\n- patch: |\n    apiVersion: v1\n    kind: Pod\n"
            + (body.StartsWith("metadata:", StringComparison.Ordinal) ? "" : "    metadata:\n      name: p\n")
            + string.Concat(body.Split('\n').Select(line => $"    {line}\n")));

    [Fact]
    public void Containers_merge_by_name_with_patch_items_first() =>
        Assert.Contains("  - image: i3\n    name: three\n  - args:\n    - x\n    - \"y\"\n    image: new\n    name: one",
            Patched("spec:\n  containers:\n  - {name: three, image: i3}\n  - {name: one, image: new}"));

    [Fact]
    public void Lists_of_scalars_replace() =>
        Assert.Contains("  - args:\n    - z\n    image: i1", Patched("spec:\n  containers:\n  - {name: one, args: [z]}"));

    [Fact]
    public void Finalizers_join_patch_first_without_duplicates() =>
        Assert.Contains("  finalizers:\n  - c\n  - a\n  - b\n", Patched("metadata:\n  name: p\n  finalizers: [c, a]"));

    [Fact]
    public void Delete_directive_removes_an_item() =>
        Assert.DoesNotContain("name: two", Patched("spec:\n  containers:\n  - {name: two, $patch: delete}"));

    [Fact]
    public void Replace_item_makes_the_patch_the_whole_list()
    {
        var output = Patched("spec:\n  containers:\n  - {name: solo, image: s}\n  - {$patch: replace}");
        Assert.Contains("  containers:\n  - image: s\n    name: solo\n", output);
        Assert.DoesNotContain("name: one", output);
    }

    [Fact]
    public void Ports_with_a_new_number_go_first_and_a_protocol_mismatch_is_dropped()
    {
        var output = Patched("spec:\n  containers:\n  - name: one\n    ports:\n    - {containerPort: 53, hostPort: 1}\n    - {containerPort: 81}\n    - {containerPort: 80, name: http}");
        Assert.Contains("    ports:\n    - containerPort: 81\n    - containerPort: 80\n      name: http\n    - containerPort: 53\n      protocol: UDP\n", output);
        Assert.DoesNotContain("hostPort", output);
    }

    [Fact]
    public void Null_deletes_and_scalars_replace()
    {
        var output = Patched("spec:\n  containers:\n  - {name: two, image: null}\n  restartPolicy: Never");
        Assert.Contains("  containers:\n  - name: two\n  - args:", output);
        Assert.Contains("  restartPolicy: Never\n", output);
    }

    [Fact]
    public void Patch_without_a_matching_resource_fails() =>
        Assert.Contains("no matches for Id Pod.v1.[noGrp]/q.[noNs]", Assert.Throws<GitOpsHQ.Plugins.Kustomize.Build.KustomizeBuildException>(() =>
            Build.One(Pod, "patches:\n- patch: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: q\n")).Message);

    [Fact]
    public void Unknown_patch_directive_fails() =>
        Assert.Contains("Unknown patch type found: merge-ish", Assert.Throws<GitOpsHQ.Plugins.Kustomize.Build.KustomizeBuildException>(() =>
            Patched("spec:\n  $patch: merge-ish")).Message);
}
