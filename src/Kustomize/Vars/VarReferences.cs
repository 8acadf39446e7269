namespace GitOpsHQ.Kustomize;

/// <summary>The fields where kustomize substitutes $(VAR) by default (its varReference configuration).</summary>
internal static class VarReferences
{
    private static readonly string[] ContainerFields = ["args", "command", "env/value", "volumeMounts/mountPath"];

    private static IEnumerable<FieldSpec> PodSpec(string kind, string podSpec, string? volumes = null) =>
        new[] { "containers", "initContainers" }
            .SelectMany(list => ContainerFields.Select(field => FieldSpec.For(kind, $"{podSpec}/{list}/{field}", create: false)))
            .Append(FieldSpec.For(kind, $"{volumes ?? podSpec}/volumes/nfs/server", create: false));

    public static readonly IReadOnlyList<FieldSpec> Defaults =
    [
        // kustomize looks for a CronJob's NFS volumes under the pod template itself, not its spec.
        .. PodSpec("CronJob", "spec/jobTemplate/spec/template/spec", volumes: "spec/jobTemplate/spec/template"),
        .. PodSpec("DaemonSet", "spec/template/spec"),
        .. PodSpec("Deployment", "spec/template/spec"),
        FieldSpec.For("Deployment", "spec/template/metadata/annotations", create: false),
        FieldSpec.For("Ingress", "spec/rules/host", create: false),
        FieldSpec.For("Ingress", "spec/tls/hosts", create: false),
        FieldSpec.For("Ingress", "spec/tls/secretName", create: false),
        .. PodSpec("Job", "spec/template/spec"),
        .. PodSpec("Pod", "spec"),
        .. PodSpec("ReplicaSet", "spec/template/spec"),
        FieldSpec.For("Service", "spec/ports/port", create: false),
        FieldSpec.For("Service", "spec/ports/targetPort", create: false),
        .. PodSpec("StatefulSet", "spec/template/spec").Where(spec => !spec.Path.EndsWith("volumes/nfs/server", StringComparison.Ordinal)),
        FieldSpec.For("StatefulSet", "spec/volumeClaimTemplates/spec/nfs/server", create: false),
        FieldSpec.For("PersistentVolume", "spec/nfs/server", create: false),
        FieldSpec.Any("metadata/labels", create: false),
        FieldSpec.Any("metadata/annotations", create: false),
    ];
}
