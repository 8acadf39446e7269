namespace GitOpsHQ.Kustomize;

/// <summary>Group, version and kind of a resource; empty parts match anything in selectors.</summary>
public readonly record struct Gvk(string Group, string Version, string Kind)
{
    public static Gvk FromApiVersion(string? apiVersion, string? kind)
    {
        apiVersion ??= "";
        var slash = apiVersion.LastIndexOf('/');
        return slash < 0 ? new Gvk("", apiVersion, kind ?? "") : new Gvk(apiVersion[..slash], apiVersion[(slash + 1)..], kind ?? "");
    }

    public bool IsSelectedBy(Gvk selector) =>
        (selector.Group.Length == 0 || selector.Group == Group)
        && (selector.Version.Length == 0 || selector.Version == Version)
        && (selector.Kind.Length == 0 || selector.Kind == Kind);

    /// <summary>
    /// Cluster-scoped as kustomize decides it: the group, version and kind are listed cluster-scoped in its built-in
    /// Kubernetes schema (v1.21.2). Any other version of those kinds (flowcontrol.apiserver.k8s.io/v1 FlowSchema,
    /// newer than the schema), and kinds of other API groups (an operator's own "Namespace"), count as namespaced.
    /// </summary>
    public bool IsClusterScoped => ClusterScoped.Contains((Group, Version, Kind));

    /// <summary>As kustomize writes it in messages: "ConfigMap.v1.[noGrp]".</summary>
    public override string ToString() =>
        $"{(Kind.Length == 0 ? "[noKind]" : Kind)}.{(Version.Length == 0 ? "[noVer]" : Version)}.{(Group.Length == 0 ? "[noGrp]" : Group)}";

    // The schema's cluster-scoped kinds: group/version, then kinds.
    private static readonly HashSet<(string Group, string Version, string Kind)> ClusterScoped = Parse("""
        v1: ComponentStatus Namespace Node PersistentVolume
        admissionregistration.k8s.io/v1 admissionregistration.k8s.io/v1beta1: MutatingWebhookConfiguration ValidatingWebhookConfiguration
        apiextensions.k8s.io/v1 apiextensions.k8s.io/v1beta1: CustomResourceDefinition
        apiregistration.k8s.io/v1 apiregistration.k8s.io/v1beta1: APIService
        certificates.k8s.io/v1 certificates.k8s.io/v1beta1: CertificateSigningRequest
        flowcontrol.apiserver.k8s.io/v1beta1: FlowSchema PriorityLevelConfiguration
        networking.k8s.io/v1 networking.k8s.io/v1beta1: IngressClass
        node.k8s.io/v1 node.k8s.io/v1beta1: RuntimeClass
        policy/v1beta1: PodSecurityPolicy
        rbac.authorization.k8s.io/v1 rbac.authorization.k8s.io/v1beta1: ClusterRole ClusterRoleBinding
        scheduling.k8s.io/v1 scheduling.k8s.io/v1beta1: PriorityClass
        storage.k8s.io/v1 storage.k8s.io/v1beta1: CSIDriver CSINode StorageClass VolumeAttachment
        """);

    private static HashSet<(string, string, string)> Parse(string table)
    {
        var set = new HashSet<(string, string, string)>();
        foreach (var line in table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (versions, kinds) = (line[..line.IndexOf(':')], line[(line.IndexOf(':') + 1)..]);
            foreach (var apiVersion in versions.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var gvk = FromApiVersion(apiVersion, "");
                foreach (var kind in kinds.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    set.Add((gvk.Group, gvk.Version, kind));
                }
            }
        }

        return set;
    }
}

/// <summary>What identifies a resource in a build: its kind, name and namespace.</summary>
internal readonly record struct ResourceId(Gvk Gvk, string Name, string Namespace)
{
    /// <summary>The namespace used to compare ids: "default" for none, a marker for cluster-scoped kinds.</summary>
    public string EffectiveNamespace =>
        Gvk.IsClusterScoped ? "_non_namespaceable_" : Namespace is "" or "default" ? "default" : Namespace;

    public bool SameAs(ResourceId other) =>
        Gvk == other.Gvk && Name == other.Name && EffectiveNamespace == other.EffectiveNamespace;

    /// <summary>As kustomize writes it in messages: "ConfigMap.v1.[noGrp]/name.[noNs]".</summary>
    public override string ToString() =>
        $"{Gvk}/{(Name.Length == 0 ? "[noName]" : Name)}.{(Namespace.Length == 0 ? "[noNs]" : Namespace)}";
}
