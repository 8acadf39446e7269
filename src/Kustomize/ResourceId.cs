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

    public bool IsClusterScoped => ClusterScopedKinds.Contains(Kind);

    /// <summary>As kustomize writes it in messages: "ConfigMap.v1.[noGrp]".</summary>
    public override string ToString() =>
        $"{(Kind.Length == 0 ? "[noKind]" : Kind)}.{(Version.Length == 0 ? "[noVer]" : Version)}.{(Group.Length == 0 ? "[noGrp]" : Group)}";

    private static readonly HashSet<string> ClusterScopedKinds = new(StringComparer.Ordinal)
    {
        "APIService", "CSIDriver", "CSINode", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding",
        "ComponentStatus", "CustomResourceDefinition", "FlowSchema", "IngressClass", "MutatingWebhookConfiguration",
        "Namespace", "Node", "PersistentVolume", "PodSecurityPolicy", "PriorityClass", "PriorityLevelConfiguration",
        "RuntimeClass", "SelfSubjectAccessReview", "SelfSubjectRulesReview", "StorageClass", "SubjectAccessReview",
        "TokenReview", "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding", "ValidatingWebhookConfiguration",
        "VolumeAttachment",
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
