namespace GitOpsHQ.Kustomize;

/// <summary>How a replacement splits a scalar: the part at <see cref="Index"/> of the value split by <see cref="Delimiter"/>; <see cref="Create"/> makes missing target fields.</summary>
internal sealed record FieldOptions(string Delimiter, int Index, bool Create)
{
    public static readonly FieldOptions None = new("", 0, false);
}

/// <summary>
/// Resources a replacement names: kind, group, version, name and namespace compare exactly (empty
/// matches anything); label and annotation selectors only count for targets.
/// </summary>
internal sealed record ReplacementSelector(Gvk Gvk, string Name, string Namespace, string LabelSelector, string AnnotationSelector)
{
    /// <summary>True when no id field is set (such a reject entry rejects by its label or annotation selector only).</summary>
    public bool IdIsEmpty => Gvk == new Gvk("", "", "") && Name.Length == 0 && Namespace.Length == 0;

    /// <summary>Whether <paramref name="id"/> is selected: set fields equal, namespaces compared as kustomize does ("" is "default").</summary>
    public bool SelectsId(ResourceId id) =>
        (Name.Length == 0 || Name == id.Name)
        && (Namespace.Length == 0 || new ResourceId(Gvk, "", Namespace).EffectiveNamespace == id.EffectiveNamespace)
        && id.Gvk.IsSelectedBy(Gvk);

    /// <summary>As kustomize writes a selector in messages: "ConfigMap.[noVer].[noGrp]/name.[noNs]".</summary>
    public override string ToString() => new ResourceId(Gvk, Name, Namespace).ToString();
}

/// <summary>The source of a replacement: the resource it selects and the field read from it.</summary>
internal sealed record ReplacementSource(ReplacementSelector Selector, string FieldPath, FieldOptions Options)
{
    /// <summary>As kustomize writes it in messages: the selector, then ":" and the field path when one was given.</summary>
    public string Describe(string givenPath) => givenPath.Length == 0 ? Selector.ToString() : $"{Selector}:{givenPath}";
}

/// <summary>A target of a replacement: the resources selected and not rejected, and the fields written in each.</summary>
internal sealed record ReplacementTarget(
    ReplacementSelector? Select, IReadOnlyList<ReplacementSelector> Reject, IReadOnlyList<string> FieldPaths, FieldOptions Options);

/// <summary>An entry of the replacements field: one source value copied into the fields of its targets.</summary>
internal sealed record Replacement(ReplacementSource? Source, string GivenSourcePath, IReadOnlyList<ReplacementTarget> Targets);

/// <summary>An entry of the replacements field as written: a file holding replacements, or one inline replacement.</summary>
internal sealed record ReplacementEntry(string? Path, Replacement? Inline);
