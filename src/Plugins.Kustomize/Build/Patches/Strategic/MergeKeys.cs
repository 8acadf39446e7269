namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// The list fields of built-in kinds that a strategic merge patch merges instead of replacing,
/// by field path (dotted, list items left out). Other lists, and every list of other kinds, are replaced.
/// </summary>
internal static class MergeKeys
{
    private static readonly Dictionary<string, ListRule> PodSpec = new(StringComparer.Ordinal)
    {
        ["containers"] = new(ListStrategy.MergeByKey, "name"),
        ["initContainers"] = new(ListStrategy.MergeByKey, "name"),
        ["ephemeralContainers"] = new(ListStrategy.MergeByKey, "name"),
        ["volumes"] = new(ListStrategy.MergeByKey, "name"),
        ["imagePullSecrets"] = new(ListStrategy.MergeByKey, "name"),
        ["hostAliases"] = new(ListStrategy.MergeByKey, "ip"),
        ["resourceClaims"] = new(ListStrategy.MergeByKey, "name"),
        ["schedulingGates"] = new(ListStrategy.MergeByKey, "name"),
    };

    private static readonly Dictionary<string, ListRule> Container = new(StringComparer.Ordinal)
    {
        ["env"] = new(ListStrategy.MergeByKey, "name"),
        ["ports"] = new(ListStrategy.MergeByPort, "containerPort"),
        ["volumeMounts"] = new(ListStrategy.MergeByKey, "mountPath"),
        ["volumeDevices"] = new(ListStrategy.MergeByKey, "devicePath"),
    };

    private static readonly Dictionary<string, ListRule> Metadata = new(StringComparer.Ordinal)
    {
        ["finalizers"] = new(ListStrategy.Union),
        ["ownerReferences"] = new(ListStrategy.MergeByKey, "uid"),
    };

    /// <summary>Where each workload kind keeps its pod spec.</summary>
    private static readonly Dictionary<string, string> PodSpecPaths = new(StringComparer.Ordinal)
    {
        ["Pod"] = "spec.",
        ["Deployment"] = "spec.template.spec.",
        ["StatefulSet"] = "spec.template.spec.",
        ["DaemonSet"] = "spec.template.spec.",
        ["ReplicaSet"] = "spec.template.spec.",
        ["Job"] = "spec.template.spec.",
        ["CronJob"] = "spec.jobTemplate.spec.template.spec.",
    };

    private static readonly string[] ContainerLists = ["containers.", "initContainers.", "ephemeralContainers."];

    /// <summary>True for the kinds whose merge keys this table knows (the other built-in kinds are refused).</summary>
    public static bool Knows(Gvk gvk) => IsBuiltIn(gvk) && (PodSpecPaths.ContainsKey(gvk.Kind) || gvk.Kind is "Service" or "ConfigMap" or "Secret");

    /// <summary>True for kinds of Kubernetes' own API groups, whose schemas may merge lists.</summary>
    public static bool IsBuiltIn(Gvk gvk) => !gvk.Group.Contains('.', StringComparison.Ordinal) || gvk.Group.EndsWith(".k8s.io", StringComparison.Ordinal);

    public static ListRule For(Gvk gvk, string path)
    {
        // A custom schema (the openapi field) replaces this table for the whole build.
        if (CustomSchema.Current is { } schema)
        {
            var described = schema.ListAt(gvk, path);
            return described.Strategy switch
            {
                SchemaListStrategy.MergeByKey => new ListRule(ListStrategy.MergeByKey, described.MergeKey),
                SchemaListStrategy.Union => new ListRule(ListStrategy.Union),
                _ => ListRule.Replace,
            };
        }

        if (!Knows(gvk))
        {
            return ListRule.Replace;
        }

        if (path.StartsWith("metadata.", StringComparison.Ordinal))
        {
            return Metadata.GetValueOrDefault(path["metadata.".Length..], ListRule.Replace);
        }

        if (gvk.Kind == "Service" && path == "spec.ports")
        {
            return new ListRule(ListStrategy.MergeByPort, "port");
        }

        if (!PodSpecPaths.TryGetValue(gvk.Kind, out var podSpec) || !path.StartsWith(podSpec, StringComparison.Ordinal))
        {
            return ListRule.Replace;
        }

        var inPod = path[podSpec.Length..];
        if (PodSpec.TryGetValue(inPod, out var rule))
        {
            return rule;
        }

        var list = ContainerLists.FirstOrDefault(prefix => inPod.StartsWith(prefix, StringComparison.Ordinal));
        return list is null ? ListRule.Replace : Container.GetValueOrDefault(inPod[list.Length..], ListRule.Replace);
    }
}
