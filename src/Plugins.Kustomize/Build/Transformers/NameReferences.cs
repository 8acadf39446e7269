namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>A kind that others refer to by name, and the fields that hold those names.</summary>
internal sealed record NameReference(Gvk Target, IReadOnlyList<FieldSpec> Referrers);

/// <summary>The name references this engine fixes after renaming (a subset of kustomize's defaults).</summary>
internal static class NameReferences
{
    private static readonly string[] Workloads = ["Deployment", "ReplicaSet", "DaemonSet", "StatefulSet", "Job"];

    public static readonly IReadOnlyList<NameReference> All =
    [
        new(new Gvk("", "v1", "ConfigMap"),
        [
            .. PodFields([
                "volumes/configMap/name", "containers/env/valueFrom/configMapKeyRef/name",
                "initContainers/env/valueFrom/configMapKeyRef/name", "containers/envFrom/configMapRef/name",
                "initContainers/envFrom/configMapRef/name", "volumes/projected/sources/configMap/name"]),
            FieldSpec.For("Role", "rules/resourceNames", false), FieldSpec.For("ClusterRole", "rules/resourceNames", false),
        ]),
        new(new Gvk("", "v1", "Secret"),
        [
            .. PodFields([
                "volumes/secret/secretName", "containers/env/valueFrom/secretKeyRef/name",
                "initContainers/env/valueFrom/secretKeyRef/name", "containers/envFrom/secretRef/name",
                "initContainers/envFrom/secretRef/name", "imagePullSecrets/name", "volumes/projected/sources/secret/name"]),
            FieldSpec.For("Ingress", "spec/tls/secretName", false),
            FieldSpec.For("ServiceAccount", "imagePullSecrets/name", false),
            FieldSpec.For("Role", "rules/resourceNames", false), FieldSpec.For("ClusterRole", "rules/resourceNames", false),
        ]),
        new(new Gvk("", "v1", "Service"),
        [
            FieldSpec.For("StatefulSet", "spec/serviceName", false, group: "apps"),
            FieldSpec.For("Ingress", "spec/rules/http/paths/backend/serviceName", false),
            FieldSpec.For("Ingress", "spec/backend/serviceName", false),
            FieldSpec.For("Ingress", "spec/rules/http/paths/backend/service/name", false),
            FieldSpec.For("Ingress", "spec/defaultBackend/service/name", false),
        ]),
        new(new Gvk("", "v1", "ServiceAccount"),
        [
            FieldSpec.For("RoleBinding", "subjects", false, group: "rbac.authorization.k8s.io"),
            FieldSpec.For("ClusterRoleBinding", "subjects", false, group: "rbac.authorization.k8s.io"),
            FieldSpec.For("Pod", "spec/serviceAccountName", false),
            .. new[] { "StatefulSet", "Deployment", "ReplicationController", "Job", "DaemonSet" }
                .Select(kind => FieldSpec.For(kind, "spec/template/spec/serviceAccountName", false)),
            FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/serviceAccountName", false),
        ]),
        new(new Gvk("", "v1", "PersistentVolumeClaim"),
        [
            FieldSpec.For("Pod", "spec/volumes/persistentVolumeClaim/claimName", false),
            .. new[] { "StatefulSet", "Deployment", "ReplicationController", "Job", "DaemonSet" }
                .Select(kind => FieldSpec.For(kind, "spec/template/spec/volumes/persistentVolumeClaim/claimName", false)),
            FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/volumes/persistentVolumeClaim/claimName", false),
        ]),
        new(new Gvk("rbac.authorization.k8s.io", "", "Role"),
            [FieldSpec.For("RoleBinding", "roleRef/name", false, group: "rbac.authorization.k8s.io")]),
        new(new Gvk("rbac.authorization.k8s.io", "", "ClusterRole"),
        [
            FieldSpec.For("RoleBinding", "roleRef/name", false, group: "rbac.authorization.k8s.io"),
            FieldSpec.For("ClusterRoleBinding", "roleRef/name", false, group: "rbac.authorization.k8s.io"),
        ]),
    ];

    private static IEnumerable<FieldSpec> PodFields(string[] podSpecPaths) =>
        podSpecPaths.SelectMany(path => new[] { FieldSpec.For("Pod", "spec/" + path, false, version: "v1") }
            .Concat(Workloads.Select(kind => FieldSpec.For(kind, "spec/template/spec/" + path, false)))
            .Append(FieldSpec.For("CronJob", "spec/jobTemplate/spec/template/spec/" + path, false)));
}
