namespace GitOpsHQ.Kustomize;

/// <summary>
/// kustomize's default output order: kinds from a fixed list first (Namespace, ...), webhook
/// configurations last, the rest by group/version/kind, then by namespace and name.
/// </summary>
internal sealed class LegacyOrder : IComparer<Resource>
{
    public static readonly IReadOnlyList<string> DefaultFirst =
    [
        "Namespace", "ResourceQuota", "StorageClass", "CustomResourceDefinition", "ServiceAccount", "PodSecurityPolicy",
        "Role", "ClusterRole", "RoleBinding", "ClusterRoleBinding", "ConfigMap", "Secret", "Endpoints", "Service",
        "LimitRange", "PriorityClass", "PersistentVolume", "PersistentVolumeClaim", "Deployment", "StatefulSet",
        "CronJob", "PodDisruptionBudget",
    ];

    public static readonly IReadOnlyList<string> DefaultLast = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

    private readonly Dictionary<string, int> _rank = new(StringComparer.Ordinal);

    public LegacyOrder(IReadOnlyList<string>? first = null, IReadOnlyList<string>? last = null)
    {
        first ??= DefaultFirst;
        last ??= DefaultLast;
        for (var i = 0; i < first.Count; i++)
        {
            _rank[first[i]] = -first.Count + i;
        }

        for (var i = 0; i < last.Count; i++)
        {
            _rank[last[i]] = 1 + i;
        }
    }

    public int Compare(Resource? x, Resource? y)
    {
        var (a, b) = (x!.CurrentId, y!.CurrentId);
        if (a.Gvk != b.Gvk)
        {
            var (ra, rb) = (_rank.GetValueOrDefault(a.Gvk.Kind), _rank.GetValueOrDefault(b.Gvk.Kind));
            if (ra != rb)
            {
                return ra.CompareTo(rb);
            }

            // Core Namespaces come before Namespace kinds of other groups.
            var order = string.CompareOrdinal(GvkText(a.Gvk), GvkText(b.Gvk));
            return a.Gvk.Kind == "Namespace" && b.Gvk.Kind == "Namespace" && (a.Gvk.Group.Length == 0 || b.Gvk.Group.Length == 0) ? -order : order;
        }

        return string.CompareOrdinal(IdText(a), IdText(b));
    }

    private static string GvkText(Gvk gvk) =>
        $"{(gvk.Group.Length == 0 ? "~G" : gvk.Group)}_{(gvk.Version.Length == 0 ? "~V" : gvk.Version)}_{(gvk.Kind.Length == 0 ? "~K" : gvk.Kind)}";

    private static string IdText(ResourceId id) =>
        $"{(id.Namespace.Length == 0 ? "~X" : id.Namespace)}|{(id.Name.Length == 0 ? "~N" : id.Name)}";
}
