namespace GitOpsHQ.Kustomize;

/// <summary>The fields kustomize's built-in label and annotation transformers write, per kind.</summary>
internal static class FieldSpecs
{
    private static readonly (string Kind, string Group, string Version)[] PodTemplateKinds =
    [
        ("ReplicationController", "", "v1"), ("Deployment", "", ""), ("ReplicaSet", "", ""), ("DaemonSet", "", ""),
        ("StatefulSet", "apps", ""), ("Job", "batch", ""),
    ];

    public static readonly IReadOnlyList<FieldSpec> MetadataLabels = [FieldSpec.Any("metadata/labels")];

    public static readonly IReadOnlyList<FieldSpec> TemplateLabels =
    [
        .. PodTemplateKinds.Select(k => FieldSpec.For(k.Kind, "spec/template/metadata/labels", group: k.Group, version: k.Version)),
        FieldSpec.For("StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", group: "apps"),
        FieldSpec.For("CronJob", "spec/jobTemplate/metadata/labels", group: "batch"),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/metadata/labels", group: "batch"),
    ];

    public static readonly IReadOnlyList<FieldSpec> CommonLabels =
    [
        .. MetadataLabels,
        .. TemplateLabels,
        FieldSpec.For("Service", "spec/selector", version: "v1"),
        FieldSpec.For("ReplicationController", "spec/selector", version: "v1"),
        FieldSpec.For("Deployment", "spec/selector/matchLabels"),
        FieldSpec.For("ReplicaSet", "spec/selector/matchLabels"),
        FieldSpec.For("DaemonSet", "spec/selector/matchLabels"),
        FieldSpec.For("StatefulSet", "spec/selector/matchLabels", group: "apps"),
        FieldSpec.For("Job", "spec/selector/matchLabels", create: false, group: "batch"),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/selector/matchLabels", create: false, group: "batch"),
        FieldSpec.For("PodDisruptionBudget", "spec/selector/matchLabels", create: false, group: "policy"),
        FieldSpec.For("NetworkPolicy", "spec/podSelector/matchLabels", create: false, group: "networking.k8s.io"),
        FieldSpec.For("NetworkPolicy", "spec/ingress/from/podSelector/matchLabels", create: false, group: "networking.k8s.io"),
        FieldSpec.For("NetworkPolicy", "spec/egress/to/podSelector/matchLabels", create: false, group: "networking.k8s.io"),
        .. AffinitySelectors("Deployment", "apps"),
        .. AffinitySelectors("StatefulSet", "apps"),
    ];

    public static readonly IReadOnlyList<FieldSpec> CommonAnnotations =
    [
        FieldSpec.Any("metadata/annotations"),
        .. PodTemplateKinds.Select(k => FieldSpec.For(k.Kind, "spec/template/metadata/annotations", group: k.Group, version: k.Version)),
        FieldSpec.For("CronJob", "spec/jobTemplate/metadata/annotations", group: "batch"),
        FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/metadata/annotations", group: "batch"),
    ];

    private static IEnumerable<FieldSpec> AffinitySelectors(string kind, string group) =>
        new[]
        {
            "spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels",
            "spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels",
            "spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels",
        }.Select(path => FieldSpec.For(kind, path, create: false, group: group));
}
