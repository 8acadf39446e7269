namespace GitOpsHQ.Kustomize;

/// <summary>
/// The list merge rules of the Kubernetes API schema kustomize v5.5 embeds (Kubernetes 1.21, alpha versions
/// left out): for each group/version/kind it knows, the list fields carrying <c>x-kubernetes-patch-strategy: merge</c>, with their
/// <c>x-kubernetes-patch-merge-key</c> (and list-map keys). Paths are dotted field names with list items
/// left out ("spec.template.spec.containers.env"). Lists not in the table, and every list of a kind the
/// schema does not know (custom resources, unknown versions), are replaced by the patch's list.
/// The table is built once, when the type is first used.
/// </summary>
internal static class MergeSchema
{
    // Group/versions and kinds the embedded schema knows (each checked against kubectl kustomize v5.5.0:
    // their metadata.finalizers merge, while any other group/version/kind replaces it).
    private const string KnownKinds = """
        v1: Binding ComponentStatus ConfigMap Endpoints Event LimitRange Namespace Node PersistentVolume PersistentVolumeClaim Pod PodTemplate ReplicationController ResourceQuota Secret Service ServiceAccount
        apps/v1: ControllerRevision DaemonSet Deployment ReplicaSet StatefulSet
        extensions/v1beta1: Ingress
        batch/v1: Job CronJob
        batch/v1beta1: CronJob
        autoscaling/v1: HorizontalPodAutoscaler
        autoscaling/v2beta1: HorizontalPodAutoscaler
        autoscaling/v2beta2: HorizontalPodAutoscaler
        policy/v1: PodDisruptionBudget
        policy/v1beta1: PodDisruptionBudget PodSecurityPolicy Eviction
        networking.k8s.io/v1: Ingress IngressClass NetworkPolicy
        networking.k8s.io/v1beta1: Ingress IngressClass
        rbac.authorization.k8s.io/v1: ClusterRole ClusterRoleBinding Role RoleBinding
        rbac.authorization.k8s.io/v1beta1: ClusterRole ClusterRoleBinding Role RoleBinding
        admissionregistration.k8s.io/v1: MutatingWebhookConfiguration ValidatingWebhookConfiguration
        admissionregistration.k8s.io/v1beta1: MutatingWebhookConfiguration ValidatingWebhookConfiguration
        apiextensions.k8s.io/v1: CustomResourceDefinition
        apiextensions.k8s.io/v1beta1: CustomResourceDefinition
        apiregistration.k8s.io/v1: APIService
        apiregistration.k8s.io/v1beta1: APIService
        storage.k8s.io/v1: CSIDriver CSINode StorageClass VolumeAttachment
        storage.k8s.io/v1beta1: CSIDriver CSINode StorageClass VolumeAttachment CSIStorageCapacity
        scheduling.k8s.io/v1: PriorityClass
        scheduling.k8s.io/v1beta1: PriorityClass
        coordination.k8s.io/v1: Lease
        coordination.k8s.io/v1beta1: Lease
        discovery.k8s.io/v1: EndpointSlice
        discovery.k8s.io/v1beta1: EndpointSlice
        certificates.k8s.io/v1: CertificateSigningRequest
        certificates.k8s.io/v1beta1: CertificateSigningRequest
        events.k8s.io/v1: Event
        events.k8s.io/v1beta1: Event
        node.k8s.io/v1: RuntimeClass
        node.k8s.io/v1beta1: RuntimeClass
        flowcontrol.apiserver.k8s.io/v1beta1: FlowSchema PriorityLevelConfiguration
        authentication.k8s.io/v1: TokenReview TokenRequest
        authorization.k8s.io/v1: SubjectAccessReview SelfSubjectAccessReview LocalSubjectAccessReview SelfSubjectRulesReview
        """;

    // io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta
    private static readonly (string Path, ListRule Rule)[] ObjectMeta =
    [
        ("finalizers", ListRule.Union),
        ("ownerReferences", ListRule.By("uid")),
    ];

    // io.k8s.api.core.v1.Container (and EphemeralContainer)
    private static readonly (string Path, ListRule Rule)[] Container =
    [
        ("ports", ListRule.By("containerPort", "protocol")),
        ("env", ListRule.By("name")),
        ("volumeMounts", ListRule.By("mountPath")),
        ("volumeDevices", ListRule.By("devicePath")),
    ];

    // io.k8s.api.core.v1.PodSpec
    private static readonly (string Path, ListRule Rule)[] PodSpec =
    [
        ("volumes", ListRule.By("name")),
        ("imagePullSecrets", ListRule.By("name")),
        ("hostAliases", ListRule.By("ip")),
        ("topologySpreadConstraints", ListRule.By("topologyKey", "whenUnsatisfiable")),
        .. new[] { "containers", "initContainers", "ephemeralContainers" }.SelectMany(list =>
            Container.Select(field => ($"{list}.{field.Path}", field.Rule)).Prepend((list, ListRule.By("name")))),
    ];

    // io.k8s.api.core.v1.PodTemplateSpec
    private static readonly (string Path, ListRule Rule)[] PodTemplateSpec =
        [.. Under("metadata", ObjectMeta), .. Under("spec", PodSpec)];

    private static readonly (string Path, ListRule Rule)[] Conditions = [("status.conditions", ListRule.By("type"))];

    private static readonly Dictionary<string, (string Path, ListRule Rule)[]> KindRules = new(StringComparer.Ordinal)
    {
        ["Pod"] = [.. Under("spec", PodSpec), .. Conditions, ("status.podIPs", ListRule.By("ip"))],
        ["PodTemplate"] = Under("template", PodTemplateSpec),
        ["ReplicationController"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["Deployment"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["ReplicaSet"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["DaemonSet"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["StatefulSet"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["Job"] = [.. Under("spec.template", PodTemplateSpec), .. Conditions],
        ["CronJob"] = [.. Under("spec.jobTemplate.metadata", ObjectMeta), .. Under("spec.jobTemplate.spec.template", PodTemplateSpec)],
        ["Service"] = [("spec.ports", ListRule.By("port", "protocol")), .. Conditions],
        ["ServiceAccount"] = [("secrets", ListRule.By("name"))],
        ["Node"] = [("spec.podCIDRs", ListRule.Union), ("status.addresses", ListRule.By("type")), .. Conditions],
        ["Namespace"] = Conditions,
        ["PersistentVolumeClaim"] = Conditions,
        ["ComponentStatus"] = [("conditions", ListRule.By("type"))],
        ["PodDisruptionBudget"] = Conditions,
        ["APIService"] = Conditions,
        ["MutatingWebhookConfiguration"] = [("webhooks", ListRule.By("name"))],
        ["ValidatingWebhookConfiguration"] = [("webhooks", ListRule.By("name"))],
    };

    private static readonly Dictionary<Gvk, Dictionary<string, ListRule>> Table = Build();

    /// <summary>True when the embedded schema knows the resource's group, version and kind.</summary>
    public static bool Knows(Gvk gvk) => Table.ContainsKey(gvk);

    /// <summary>
    /// The rule of the list at <paramref name="path"/> in a resource of <paramref name="gvk"/>; a custom schema (the
    /// openapi field) replaces the embedded one for the whole build.
    /// </summary>
    public static ListRule For(Gvk gvk, string path)
    {
        if (CustomSchema.Current is { } schema)
        {
            var described = schema.ListAt(gvk, path);
            return described.Strategy switch
            {
                SchemaListStrategy.MergeByKey => ListRule.By(described.MergeKey),
                SchemaListStrategy.Union => ListRule.Union,
                SchemaListStrategy.BuiltIn when described.Definition is { } definition =>
                    DefinitionRules.TryGetValue(definition, out var inside) && inside.TryGetValue(described.Path, out var found) ? found : ListRule.Replace,
                SchemaListStrategy.BuiltIn => BuiltIn(gvk, described.Path),
                _ => ListRule.Replace,
            };
        }

        return BuiltIn(gvk, path);
    }

    private static ListRule BuiltIn(Gvk gvk, string path) =>
        Table.TryGetValue(gvk, out var rules) && rules.TryGetValue(path, out var rule) ? rule : ListRule.Replace;

    // The lists inside the definitions of the embedded schema that a custom schema may refer to without defining them
    // (paths relative to the definition).
    private static readonly Dictionary<string, Dictionary<string, ListRule>> DefinitionRules = new(StringComparer.Ordinal)
    {
        ["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"] = Rules(ObjectMeta),
        ["io.k8s.api.core.v1.PodTemplateSpec"] = Rules(PodTemplateSpec),
        ["io.k8s.api.core.v1.PodSpec"] = Rules(PodSpec),
        ["io.k8s.api.core.v1.Container"] = Rules(Container),
        ["io.k8s.api.core.v1.EphemeralContainer"] = Rules(Container),
        ["io.k8s.api.core.v1.ServiceSpec"] = Rules([("ports", ListRule.By("port", "protocol"))]),
        ["io.k8s.api.apps.v1.DeploymentSpec"] = Rules(Under("template", PodTemplateSpec)),
        ["io.k8s.api.apps.v1.StatefulSetSpec"] = Rules(Under("template", PodTemplateSpec)),
        ["io.k8s.api.apps.v1.DaemonSetSpec"] = Rules(Under("template", PodTemplateSpec)),
        ["io.k8s.api.apps.v1.ReplicaSetSpec"] = Rules(Under("template", PodTemplateSpec)),
        ["io.k8s.api.batch.v1.JobSpec"] = Rules(Under("template", PodTemplateSpec)),
        ["io.k8s.api.batch.v1.JobTemplateSpec"] = Rules([.. Under("metadata", ObjectMeta), .. Under("spec.template", PodTemplateSpec)]),
        ["io.k8s.api.batch.v1beta1.JobTemplateSpec"] = Rules([.. Under("metadata", ObjectMeta), .. Under("spec.template", PodTemplateSpec)]),
    };

    private static Dictionary<string, ListRule> Rules((string Path, ListRule Rule)[] fields) =>
        fields.ToDictionary(field => field.Path, field => field.Rule, StringComparer.Ordinal);

    private static Dictionary<Gvk, Dictionary<string, ListRule>> Build()
    {
        var table = new Dictionary<Gvk, Dictionary<string, ListRule>>();
        var shared = new Dictionary<string, Dictionary<string, ListRule>>(StringComparer.Ordinal);
        foreach (var line in KnownKinds.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var apiVersion = line[..colon];
            foreach (var kind in line[(colon + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var gvk = Gvk.FromApiVersion(apiVersion, kind);
                var key = kind;
                if (!shared.TryGetValue(key, out var rules))
                {
                    var fields = Under("metadata", ObjectMeta).Concat(KindRules.GetValueOrDefault(key, []));
                    rules = fields.ToDictionary(field => field.Path, field => field.Rule, StringComparer.Ordinal);
                    shared[key] = rules;
                }

                table[gvk] = rules;
            }
        }

        return table;
    }

    private static (string Path, ListRule Rule)[] Under(string prefix, (string Path, ListRule Rule)[] fields) =>
        fields.Select(field => ($"{prefix}.{field.Path}", field.Rule)).ToArray();
}
