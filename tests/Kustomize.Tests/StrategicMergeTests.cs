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
        Assert.Contains("no matches for Id Pod.v1.[noGrp]/q.[noNs]", Assert.Throws<GitOpsHQ.Kustomize.KustomizeBuildException>(() =>
            Build.One(Pod, "patches:\n- patch: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: q\n")).Message);

    [Fact]
    public void Unknown_patch_directive_fails() =>
        Assert.Contains("Unknown patch type found: merge-ish", Assert.Throws<GitOpsHQ.Kustomize.KustomizeBuildException>(() =>
            Patched("spec:\n  $patch: merge-ish")).Message);

    // One resource of apiVersion/kind named r, patched by a document with the same id plus body.
    private static string Merged(string apiVersion, string kind, string resourceBody, string patchBody, string options = "")
    {
        static string Indent(string text, string by) => string.Concat(text.Split('\n').Select(line => $"{by}{line}\n"));
        var head = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: r\n";
        return Build.One(head + resourceBody, "patches:\n- " + options + "patch: |\n" + Indent(head + patchBody, "    "));
    }

    [Theory]
    [InlineData("volumes", "name")]
    [InlineData("imagePullSecrets", "name")]
    [InlineData("hostAliases", "ip")]
    [InlineData("initContainers", "name")]
    [InlineData("ephemeralContainers", "name")]
    public void Pod_spec_lists_merge_by_their_Kubernetes_merge_key(string list, string key)
    {
        var output = Merged("apps/v1", "Deployment",
            $"spec:\n  template:\n    spec:\n      {list}:\n      - {{{key}: old, x: \"1\"}}",
            $"spec:\n  template:\n    spec:\n      {list}:\n      - {{{key}: new}}");
        Assert.Contains($"      - {key}: new\n      - {key}: old\n        x: \"1\"\n", output);
    }

    [Theory]
    [InlineData("env", "name")]
    [InlineData("volumeMounts", "mountPath")]
    [InlineData("volumeDevices", "devicePath")]
    public void Container_lists_merge_by_their_Kubernetes_merge_key(string list, string key)
    {
        var output = Merged("batch/v1", "CronJob",
            $"spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            {list}:\n            - {{{key}: old}}",
            $"spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            {list}:\n            - {{{key}: new}}");
        Assert.Contains($"            - {key}: new\n            - {key}: old\n", output);
    }

    [Fact]
    public void Topology_spread_constraints_are_keyed_by_topology_key_and_when_unsatisfiable()
    {
        var output = Merged("v1", "Pod",
            "spec:\n  topologySpreadConstraints:\n  - {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 1}",
            "spec:\n  topologySpreadConstraints:\n  - {topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, maxSkew: 2}\n  - {topologyKey: zone, whenUnsatisfiable: DoNotSchedule, maxSkew: 3}");
        Assert.Contains("  - maxSkew: 2\n    topologyKey: zone\n    whenUnsatisfiable: ScheduleAnyway\n  - maxSkew: 3\n    topologyKey: zone\n    whenUnsatisfiable: DoNotSchedule\n", output);
    }

    [Fact]
    public void Service_ports_merge_by_port() =>
        Assert.Contains("  - name: web\n    port: 80\n    targetPort: 8080\n",
            Merged("v1", "Service", "spec:\n  ports:\n  - {port: 80, targetPort: 8080}", "spec:\n  ports:\n  - {port: 80, name: web}"));

    [Fact]
    public void Owner_references_merge_by_uid() =>
        Assert.Contains("  - name: a\n    uid: u2\n  - name: a\n    uid: u1\n", Build.One(
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r\n  ownerReferences:\n  - {name: a, uid: u1}\n",
            "patches:\n- patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: r\n      ownerReferences:\n      - {name: a, uid: u2}\n"));

    [Fact]
    public void Webhooks_merge_by_name() =>
        Assert.Contains("- failurePolicy: Ignore\n  name: b\n- name: a\n",
            Merged("admissionregistration.k8s.io/v1", "ValidatingWebhookConfiguration", "webhooks:\n- {name: a}", "webhooks:\n- {name: b, failurePolicy: Ignore}"));

    [Theory]
    [InlineData("example.com/v1", "Widget")]
    [InlineData("apps/v9", "Deployment")]
    [InlineData("autoscaling/v2", "HorizontalPodAutoscaler")]
    public void Kinds_outside_the_schema_replace_every_list(string apiVersion, string kind)
    {
        var head = $"apiVersion: {apiVersion}\nkind: {kind}\nmetadata:\n  name: r\n  finalizers: [";
        var body = "]\nspec:\n  containers:\n  - {name: ";
        var output = Build.One(head + "a" + body + "a}\n",
            "patches:\n- patch: |\n" + string.Concat((head + "b" + body + "b}").Split('\n').Select(line => $"    {line}\n")));
        Assert.DoesNotContain("- a\n", output);
        Assert.DoesNotContain("name: a", output);
    }

    [Fact]
    public void Lists_without_a_merge_key_are_replaced_in_known_kinds() =>
        Assert.DoesNotContain("a.example.com", Merged("networking.k8s.io/v1", "Ingress",
            "spec:\n  rules:\n  - host: a.example.com", "spec:\n  rules:\n  - host: b.example.com"));

    [Theory]
    [InlineData("$setElementOrder/containers:\n  - name: one")]
    [InlineData("$retainKeys:\n  - containers")]
    [InlineData("$deleteFromPrimitiveList/args:\n  - x")]
    public void Other_directives_are_kept_as_fields_like_kustomize(string directive) =>
        Assert.Contains(directive.Split(':')[0] + ":", Patched("spec:\n  " + directive));

    [Fact]
    public void Replace_on_a_whole_resource_leaves_it_unchanged() =>
        Assert.DoesNotContain("restartPolicy", Patched("$patch: replace\nspec:\n  restartPolicy: Never"));

    [Fact]
    public void An_item_without_its_merge_key_leaves_only_the_keyed_patch_items()
    {
        var output = Patched("spec:\n  containers:\n  - {image: x}\n  - {name: c, image: c}");
        Assert.Contains("  containers:\n  - image: c\n    name: c\n", output);
        Assert.DoesNotContain("name: one", output);
    }

    [Fact]
    public void Allow_name_change_renames_but_never_moves()
    {
        var output = Build.One("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  namespace: n\n",
            "patches:\n- target: {name: a}\n  options: {allowNameChange: true}\n  patch: |\n    apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: b\n      namespace: m\n");
        Assert.Contains("  name: b\n  namespace: \"n\"\n", output);
    }

    [Fact]
    public void Unknown_patch_options_are_ignored_and_values_must_be_booleans()
    {
        const string patch = "  patch: |\n    apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n";
        Assert.Contains("name: p", Build.One(Pod, "patches:\n- target: {name: p}\n  options: {allowEverything: true}\n" + patch));
        Assert.Contains("cannot unmarshal string", Assert.Throws<GitOpsHQ.Kustomize.KustomizeBuildException>(() =>
            Build.One(Pod, "patches:\n- target: {name: p}\n  options: {allowNameChange: sure}\n" + patch)).Message);
    }

    [Fact]
    public void The_last_resource_item_without_its_merge_key_replaces_the_items_before_it()
    {
        var output = Merged("v1", "Pod", "spec:\n  containers:\n  - {name: a, image: a}\n  - {image: x}\n  - {name: b, image: b}\n  - {image: y}",
            "spec:\n  containers:\n  - {name: c, image: c}");
        Assert.Contains("  containers:\n  - image: \"y\"\n", output);
        Assert.DoesNotContain("name: c", output);
    }

    // Patches of the wrong shape build or fail with a build error, never with another exception.
    [Theory]
    [InlineData("spec: [1, 2]")]
    [InlineData("spec:\n  containers: {name: one}")]
    [InlineData("spec:\n  containers: [one, {name: two}]")]
    [InlineData("spec:\n  containers:\n  - name: [a]")]
    [InlineData("spec:\n  containers:\n  - {name: one, ports: [80]}")]
    [InlineData("spec:\n  containers:\n  - {name: one, ports: [{protocol: UDP}]}")]
    [InlineData("metadata:\n  name: p\n  finalizers: x")]
    [InlineData("metadata:\n  name: p\n  finalizers: [[a]]")]
    [InlineData("spec:\n  containers:\n  - {name: one, $patch: sideways}")]
    public void Patches_of_the_wrong_shape_never_crash(string body)
    {
        try
        {
            Patched(body);
        }
        catch (GitOpsHQ.Kustomize.KustomizeBuildException)
        {
        }
    }
}
