namespace GitOpsHQ.Kustomize;

/// <summary>A kind that others refer to by name, and the fields that hold those names.</summary>
internal sealed record NameReference(Gvk Target, IReadOnlyList<FieldSpec> Referrers);

/// <summary>
/// The name references kustomize v5.5 fixes by default after renaming: for each referred kind, the fields
/// of other kinds that name it. Kept as a small table ("kind[ group/version] path" per referrer), read once.
/// </summary>
internal static class NameReferences
{
    // The pod spec fields naming ConfigMaps and Secrets, below a workload's pod spec.
    private static readonly string[] ConfigMapInPod =
    [
        "volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name", "initContainers/env/valueFrom/configMapKeyRef/name",
        "containers/envFrom/configMapRef/name", "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name",
    ];

    private static readonly string[] SecretInPod =
    [
        "volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name", "initContainers/env/valueFrom/secretKeyRef/name",
        "containers/envFrom/secretRef/name", "initContainers/envFrom/secretRef/name", "imagePullSecrets/name",
        "volumes/projected/sources/secret/name",
    ];

    // Where each kind keeps its pod spec, for the kinds whose ConfigMap and Secret references kustomize fixes.
    private static readonly (string Kind, string Version, string PodSpec)[] ConfigHolders =
    [
        ("Pod", "v1", "spec/"), ("PodTemplate", "", "template/spec/"), ("Deployment", "", "spec/template/spec/"),
        ("ReplicaSet", "", "spec/template/spec/"), ("DaemonSet", "", "spec/template/spec/"), ("StatefulSet", "", "spec/template/spec/"),
        ("Job", "", "spec/template/spec/"), ("CronJob", "", "spec/jobTemplate/spec/template/spec/"),
    ];

    // The kinds whose service account, claim and priority class references kustomize fixes.
    private static readonly (string Kind, string PodSpec)[] PodHolders =
    [
        ("Pod", "spec/"), ("StatefulSet", "spec/template/spec/"), ("Deployment", "spec/template/spec/"),
        ("ReplicationController", "spec/template/spec/"), ("CronJob", "spec/jobTemplate/spec/template/spec/"),
        ("Job", "spec/template/spec/"), ("DaemonSet", "spec/template/spec/"),
    ];

    public static readonly IReadOnlyList<NameReference> All =
    [
        .. new[] { "Deployment", "ReplicationController", "ReplicaSet", "StatefulSet" }.Select(kind =>
            new NameReference(new Gvk("", "", kind), [FieldSpec.For("HorizontalPodAutoscaler", "spec/scaleTargetRef/name", false)])),
        new(new Gvk("", "v1", "ConfigMap"),
        [
            .. InPods(ConfigMapInPod),
            Spec("Node spec/configSource/configMap"),
            Spec("Role rules/resourceNames"),
            Spec("ClusterRole rules/resourceNames"),
            Spec("Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap"),
        ]),
        new(new Gvk("", "v1", "Secret"),
        [
            .. InPods(SecretInPod),
            Spec("Ingress spec/tls/secretName"),
            Spec("Ingress metadata/annotations/ingress.kubernetes.io\\/auth-secret"),
            Spec("Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret"),
            Spec("Ingress metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret"),
            Spec("ServiceAccount imagePullSecrets/name"),
            Spec("StorageClass parameters/secretName"),
            Spec("StorageClass parameters/adminSecretName"),
            Spec("StorageClass parameters/userSecretName"),
            Spec("StorageClass parameters/secretRef"),
            Spec("Role rules/resourceNames"),
            Spec("ClusterRole rules/resourceNames"),
            Spec("Service serving.knative.dev/v1 spec/template/spec/containers/env/valueFrom/secretKeyRef/name"),
            Spec("PersistentVolume spec/azureFile/secretName"),
        ]),
        new(new Gvk("", "v1", "Service"),
        [
            Spec("StatefulSet apps/ spec/serviceName"),
            Spec("Ingress spec/rules/http/paths/backend/serviceName"),
            Spec("Ingress spec/backend/serviceName"),
            Spec("Ingress spec/rules/http/paths/backend/service/name"),
            Spec("Ingress spec/defaultBackend/service/name"),
            Spec("APIService apiregistration.k8s.io/ spec/service/name"),
            Spec("ValidatingWebhookConfiguration admissionregistration.k8s.io/ webhooks/clientConfig/service"),
            Spec("MutatingWebhookConfiguration admissionregistration.k8s.io/ webhooks/clientConfig/service"),
            Spec("HTTPRoute spec/rules/backendRefs/name"),
        ]),
        new(new Gvk("rbac.authorization.k8s.io", "", "Role"), [Spec("RoleBinding rbac.authorization.k8s.io/ roleRef/name")]),
        new(new Gvk("rbac.authorization.k8s.io", "", "ClusterRole"),
        [
            Spec("RoleBinding rbac.authorization.k8s.io/ roleRef/name"),
            Spec("ClusterRoleBinding rbac.authorization.k8s.io/ roleRef/name"),
        ]),
        new(new Gvk("", "v1", "ServiceAccount"),
        [
            Spec("RoleBinding rbac.authorization.k8s.io/ subjects"),
            Spec("ClusterRoleBinding rbac.authorization.k8s.io/ subjects"),
            .. PodHolders.Select(holder => FieldSpec.For(holder.Kind, holder.PodSpec + "serviceAccountName", false)),
        ]),
        new(new Gvk("", "v1", "PersistentVolumeClaim"),
            [.. PodHolders.Select(holder => FieldSpec.For(holder.Kind, holder.PodSpec + "volumes/persistentVolumeClaim/claimName", false))]),
        new(new Gvk("", "v1", "PersistentVolume"), [Spec("PersistentVolumeClaim spec/volumeName"), Spec("ClusterRole rules/resourceNames")]),
        new(new Gvk("storage.k8s.io", "v1", "StorageClass"),
        [
            Spec("PersistentVolume spec/storageClassName"),
            Spec("PersistentVolumeClaim spec/storageClassName"),
            Spec("StatefulSet spec/volumeClaimTemplates/spec/storageClassName"),
        ]),
        new(new Gvk("scheduling.k8s.io", "v1", "PriorityClass"),
            [.. PodHolders.Select(holder => FieldSpec.For(holder.Kind, holder.PodSpec + "priorityClassName", false))]),

        new(new Gvk("admissionregistration.k8s.io", "", "ValidatingAdmissionPolicy"),
            [Spec("ValidatingAdmissionPolicyBinding admissionregistration.k8s.io/ spec/policyName")]),

        // kustomize's default names the group "networking.k8s.io/v1", which no IngressClass has: kept as it is.
        new(new Gvk("networking.k8s.io/v1", "v1", "IngressClass"), [Spec("Ingress spec/ingressClassName")]),
    ];

    private static IEnumerable<FieldSpec> InPods(IEnumerable<string> paths) =>
        ConfigHolders.SelectMany(holder => paths.Select(path => FieldSpec.For(holder.Kind, holder.PodSpec + path, false, version: holder.Version)));

    // "Kind path" or "Kind group/version path"; the referrer's field is never created.
    private static FieldSpec Spec(string text)
    {
        var parts = text.Split(' ');
        if (parts.Length == 2)
        {
            return FieldSpec.For(parts[0], parts[1], false);
        }

        var slash = parts[1].IndexOf('/', StringComparison.Ordinal);
        return FieldSpec.For(parts[0], parts[2], false, group: parts[1][..slash], version: parts[1][(slash + 1)..]);
    }
}
