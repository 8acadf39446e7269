namespace GitOpsHQ.Kustomize.Tests;

/// <summary>JSON 6902 pointers and operations, one at a time on a small ConfigMap.</summary>
public sealed class JsonPatchTests
{
    private const string ConfigMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a/b: x\n  t~n: y\nlist:\n- one\n- two\n";

    private static string Patched(params string[] operations) =>
        Build.One(ConfigMap, "patches:\n- target:\n    kind: ConfigMap\n  patch: |\n" + string.Concat(operations.Select(op => $"    - {op}\n")));

    private static string Failure(params string[] operations) =>
        Assert.Throws<GitOpsHQ.Kustomize.KustomizeBuildException>(() => Patched(operations)).Message;

    [Theory]
    [InlineData("{op: replace, path: /data/a~1b, value: slash}", "  a/b: slash\n")]
    [InlineData("{op: replace, path: /data/t~0n, value: tilde}", "  t~n: tilde\n")]
    [InlineData("{op: add, path: /data/~01, value: both}", "  ~1: both\n")]
    [InlineData("{op: add, path: /list/-, value: three}", "- two\n- three\n")]
    [InlineData("{op: add, path: /list/0, value: zero}", "- zero\n- one\n")]
    [InlineData("{op: add, path: /list/-1, value: last}", "- two\n- last\n")]
    [InlineData("{op: add, path: /list/01, value: mid}", "- one\n- mid\n- two\n")]
    [InlineData("{op: replace, path: /list/1, value: deux}", "- one\n- deux\n")]
    [InlineData("{op: replace, path: /data/new, value: set}", "  new: set\n")]
    [InlineData("{op: copy, from: /list, path: /copy}", "copy:\n- one\n- two\n")]
    [InlineData("{op: copy, from: /absent, path: /copy}", "copy: null\n")]
    [InlineData("{op: move, from: /list/0, path: /list/-}", "list:\n- two\n- one\n")]
    public void Operations_edit_at_the_pointer(string operation, string expected) =>
        Assert.Contains(expected, Patched(operation));

    [Fact]
    public void Remove_takes_out_keys_and_items()
    {
        var output = Patched("{op: remove, path: /data/a~1b}", "{op: remove, path: /list/-2}");
        Assert.DoesNotContain("a/b", output);
        Assert.Contains("list:\n- two\n", output);
    }

    [Fact]
    public void Test_compares_whole_values_and_missing_reads_as_null() =>
        Assert.Contains("name: c", Patched("{op: test, path: /list, value: [one, two]}", "{op: test, path: /absent, value: null}"));

    [Theory]
    [InlineData("{op: remove, path: /data/none}", "error in remove for path: '/data/none': Unable to remove nonexistent key: none: missing value")]
    [InlineData("{op: remove, path: /list/-}", "error in remove for path: '/list/-': strconv.Atoi: parsing \"-\": invalid syntax")]
    [InlineData("{op: add, path: /list/3, value: x}", "error in add for path: '/list/3': Unable to access invalid index: 3: invalid index referenced")]
    [InlineData("{op: add, path: /no/deeper, value: x}", "add operation does not apply: doc is missing path: \"/no/deeper\": missing value")]
    [InlineData("{op: replace, path: /list/5, value: x}", "replace operation does not apply: doc is missing key: /list/5: missing value")]
    [InlineData("{op: test, path: /data/a~1b, value: z}", "testing value /data/a~1b failed: test failed")]
    [InlineData("{op: move, from: /data/none, path: /x}", "error in move for path: 'none': Unable to remove nonexistent key: none: missing value")]
    [InlineData("{op: bogus, path: /x}", "Unexpected kind: bogus")]
    public void Failures_read_like_kustomize(string operation, string message) =>
        Assert.Equal(message, Failure(operation));

    [Fact]
    public void A_json_patch_needs_a_target() =>
        Assert.StartsWith("must specify a target for JSON patch", Build.Fails(
            ("kustomization.yaml", "resources:\n- r.yaml\npatches:\n- patch: '[{\"op\": \"remove\", \"path\": \"/data\"}]'\n"),
            ("r.yaml", ConfigMap)).Message);

    [Theory]
    [InlineData("'[{op: remove, path: /data}]'", "unable to parse SM or JSON patch")]
    [InlineData("'[]'", "illegally qualifies as both an SM and JSON patch")]
    public void Patch_text_must_be_an_operation_list(string patch, string message) =>
        Assert.StartsWith(message, Build.Fails(
            ("kustomization.yaml", $"resources:\n- r.yaml\npatches:\n- target: {{kind: ConfigMap}}\n  patch: {patch}\n"),
            ("r.yaml", ConfigMap)).Message);
}
