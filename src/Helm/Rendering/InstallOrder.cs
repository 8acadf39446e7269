namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The kind order Helm installs (and prints) manifests in; kinds not listed come after, alphabetically.
/// </summary>
internal sealed class InstallOrder : IComparer<string>
{
    public static readonly InstallOrder Instance = new();

    private static readonly string[] Kinds =
    [
        "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange",
        "PodSecurityPolicy", "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList",
        "ConfigMap", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "CustomResourceDefinition", "ClusterRole", "ClusterRoleList", "ClusterRoleBinding",
        "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding", "RoleBindingList",
        "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
        "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress",
        "APIService",
    ];

    private static readonly Dictionary<string, int> Rank =
        Kinds.Select((kind, i) => (kind, i)).ToDictionary(p => p.kind, p => p.i, StringComparer.Ordinal);

    public int Compare(string? x, string? y)
    {
        var xKnown = Rank.TryGetValue(x ?? "", out var xRank);
        var yKnown = Rank.TryGetValue(y ?? "", out var yRank);
        return (xKnown, yKnown) switch
        {
            (true, true) => xRank.CompareTo(yRank),
            (true, false) => -1,
            (false, true) => 1,
            _ => string.CompareOrdinal(x, y),
        };
    }
}
