namespace GitOpsHQ.Kustomize;

/// <summary>
/// An entry of the deprecated vars field: the name used as $(NAME), the resource it reads (kind,
/// apiVersion, name and, when set, namespace must all equal) and the field path read from it.
/// </summary>
internal sealed record Var(string Name, Gvk Gvk, string ObjectName, string ObjectNamespace, string FieldPath)
{
    /// <summary>True when <paramref name="id"/> is the object this var reads.</summary>
    public bool Refers(ResourceId id)
    {
        var target = new ResourceId(Gvk, ObjectName, ObjectNamespace);
        return id.Gvk == Gvk && id.Name == ObjectName
            && (ObjectNamespace.Length == 0 && !Gvk.IsClusterScoped || id.EffectiveNamespace == target.EffectiveNamespace);
    }

    /// <summary>As kustomize prints a var in messages: "{NAME Service.v1.[noGrp] {metadata.name}}".</summary>
    public override string ToString() => $"{{{Name} {Gvk} {{{FieldPath}}}}}";
}
