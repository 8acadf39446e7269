using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Reads an entry of the deprecated patchesStrategicMerge field: text of several lines is an inline
/// patch, a single line names a patch file relative to the kustomization directory. Only YAML maps are
/// accepted: like kustomize, a JSON 6902 operation list there is an error.
/// </summary>
internal static class LegacyStrategicMerge
{
    public static IResourcePatch Load(string entry, FileSet files, string directory)
    {
        var inline = entry.Contains('\n', StringComparison.Ordinal);
        var text = inline ? entry : JsonPatch.FileText(entry, files, directory);
        return StrategicMergeText.Documents(text, inline ? "patchesStrategicMerge" : entry) is { } documents
            ? new StrategicMergePatch(documents, null, PatchOptions.None)
            : throw new KustomizeBuildException(
                $"trouble configuring builtin PatchStrategicMergeTransformer with patch {(inline ? "(inline)" : entry)}: missing Resource metadata (a JSON 6902 patch belongs in the patches field)");
    }
}
