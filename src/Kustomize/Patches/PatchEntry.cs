namespace GitOpsHQ.Kustomize;

/// <summary>
/// The resources a patch applies to: group, version, kind, name and namespace are regular
/// expressions matching the whole value (empty matches anything), plus label and annotation selectors.
/// </summary>
internal sealed record PatchTarget(
    string Group, string Version, string Kind, string Name, string Namespace, string LabelSelector, string AnnotationSelector);

/// <summary>The options of a patches entry: whether a strategic merge patch may rename a resource or change its kind.</summary>
internal sealed record PatchOptions(bool AllowNameChange, bool AllowKindChange)
{
    public static readonly PatchOptions None = new(false, false);
}

/// <summary>An entry of the patches or patchesJson6902 field: a patch file or inline patch text, and its target.</summary>
internal sealed record PatchEntry(string? Path, string? Patch, PatchTarget? Target, PatchOptions? Options = null)
{
    /// <summary>The entry as kustomize quotes it in messages.</summary>
    public string Describe() =>
        $"[{(Path is null ? "" : $"path: \"{Path}\" ")}patch: \"{(Patch ?? "").TrimEnd('\n')}\"]";
}
