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
    /// Cluster-scoped kinds of the Kubernetes API kustomize knows; a kind of another API group (a custom
    /// "Namespace" of some operator) is namespaced, as kustomize treats kinds its schema does not list.
    /// </summary>
    public bool IsClusterScoped => ClusterScopedKinds.TryGetValue(Kind, out var groups) && groups.Split(',').Contains(Group);

    /// <summary>As kustomize writes it in messages: "ConfigMap.v1.[noGrp]".</summary>
    public override string ToString() =>
        $"{(Kind.Length == 0 ? "[noKind]" : Kind)}.{(Version.Length == 0 ? "[noVer]" : Version)}.{(Group.Length == 0 ? "[noGrp]" : Group)}";

    private static readonly Dictionary<string, string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        ["APIService"] = "apiregistration.k8s.io",
        ["CSIDriver"] = "storage.k8s.io",
        ["CSINode"] = "storage.k8s.io",
        ["CertificateSigningRequest"] = "certificates.k8s.io",
        ["ClusterRole"] = "rbac.authorization.k8s.io",
        ["ClusterRoleBinding"] = "rbac.authorization.k8s.io",
        ["ComponentStatus"] = "",
        ["CustomResourceDefinition"] = "apiextensions.k8s.io",
        ["FlowSchema"] = "flowcontrol.apiserver.k8s.io",
        ["IngressClass"] = "networking.k8s.io",
        ["MutatingWebhookConfiguration"] = "admissionregistration.k8s.io",
        ["Namespace"] = "",
        ["Node"] = "",
        ["PersistentVolume"] = "",
        ["PodSecurityPolicy"] = "policy,extensions",
        ["PriorityClass"] = "scheduling.k8s.io",
        ["PriorityLevelConfiguration"] = "flowcontrol.apiserver.k8s.io",
        ["RuntimeClass"] = "node.k8s.io",
        ["SelfSubjectAccessReview"] = "authorization.k8s.io",
        ["SelfSubjectRulesReview"] = "authorization.k8s.io",
        ["StorageClass"] = "storage.k8s.io",
        ["SubjectAccessReview"] = "authorization.k8s.io",
        ["TokenReview"] = "authentication.k8s.io",
        ["ValidatingWebhookConfiguration"] = "admissionregistration.k8s.io",
        ["VolumeAttachment"] = "storage.k8s.io",
    };
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
