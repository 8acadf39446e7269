namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>How a strategic merge patch combines one list with the resource's list.</summary>
internal enum ListStrategy
{
    /// <summary>The patch's list replaces the resource's list.</summary>
    Replace,

    /// <summary>Items are maps matched by one merge key; matches merge, new items join in patch order.</summary>
    MergeByKey,

    /// <summary>Items are ports matched by number and protocol; new numbers go first, others stay in place.</summary>
    MergeByPort,

    /// <summary>Items are scalars: the patch's items, then the resource's items the patch lacks.</summary>
    Union,
}

/// <summary>The strategy of a list field and, for keyed lists, the field naming an item.</summary>
internal sealed record ListRule(ListStrategy Strategy, string Key = "")
{
    public static readonly ListRule Replace = new(ListStrategy.Replace);
}
