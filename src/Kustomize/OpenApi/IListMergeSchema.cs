namespace GitOpsHQ.Kustomize;

/// <summary>How a schema says a strategic merge patch combines a list field.</summary>
public enum SchemaListStrategy
{
    /// <summary>The patch's list replaces the resource's list (also for fields the schema does not describe).</summary>
    Replace,

    /// <summary>Map items matched by <see cref="SchemaList.MergeKey"/> merge.</summary>
    MergeByKey,

    /// <summary>Scalar items merge as a set.</summary>
    Union,

    /// <summary>
    /// The built-in Kubernetes schema decides, under which a custom schema was added: the rule of the kind's list at
    /// <see cref="SchemaList.Path"/>, or, with <see cref="SchemaList.Definition"/>, of the list at that path inside the
    /// built-in definition the custom schema refers to without defining it.
    /// </summary>
    BuiltIn,
}

/// <summary>A list field's strategy from a schema, with the merge key of keyed lists.</summary>
public sealed record SchemaList(SchemaListStrategy Strategy, string MergeKey = "", string? Definition = null, string Path = "")
{
    public static readonly SchemaList Replace = new(SchemaListStrategy.Replace);
}

/// <summary>
/// The merge rules of list fields that a custom OpenAPI schema (the openapi field) gives, which the
/// strategic merge code asks instead of its built-in table while such a schema is in force.
/// </summary>
public interface IListMergeSchema
{
    /// <summary>The rule for the list at <paramref name="path"/> (dotted field names, list items left out) in resources of kind <paramref name="gvk"/>.</summary>
    SchemaList ListAt(Gvk gvk, string path);
}
