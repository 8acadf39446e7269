namespace GitOpsHQ.Kustomize;

/// <summary>How a strategic merge patch combines one list with the resource's list.</summary>
internal enum ListStrategy
{
    /// <summary>The patch's list replaces the resource's list (no merge strategy in the schema).</summary>
    Replace,

    /// <summary>Items are maps matched by merge keys; matches merge, new items join.</summary>
    MergeByKey,

    /// <summary>Items are scalars: the patch's items, then the resource's items the patch lacks.</summary>
    Union,
}

/// <summary>
/// The strategy of a list field and, for keyed lists, the fields naming an item: the patch merge key
/// first, then the other list-map keys of the schema (ports add their protocol).
/// </summary>
internal sealed record ListRule(ListStrategy Strategy, params string[] Keys)
{
    public static readonly ListRule Replace = new(ListStrategy.Replace);

    public static readonly ListRule Union = new(ListStrategy.Union);

    public static ListRule By(params string[] keys) => new(ListStrategy.MergeByKey, keys);

    public string Key => Keys[0];
}
