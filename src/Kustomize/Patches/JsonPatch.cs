using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>A JSON 6902 patch ready to apply: its operations, run in order on each resource the target selects.</summary>
internal sealed class JsonPatch(PatchTarget target, IReadOnlyList<JsonPatchOperation> operations) : IResourcePatch
{
    public void Transform(ResourceMap resources)
    {
        foreach (var resource in new ResourceSelector(target).Select(resources))
        {
            var before = resource.CurrentId;
            foreach (var operation in operations)
            {
                operation.Apply(resource.Content);
            }

            // A patch that renames a resource leaves its old id for the references that still name it.
            if (resource.CurrentId != before)
            {
                resource.PreviousIds.Add(before);
            }
        }
    }

    /// <summary>
    /// Reads the patch an entry holds inline or names by path (relative to the kustomization directory):
    /// YAML maps make a strategic merge patch, anything else a JSON 6902 operation list.
    /// </summary>
    public static IResourcePatch Load(PatchEntry entry, FileSet files, string directory)
    {
        var text = (entry.Path, entry.Patch) switch
        {
            ({ }, { }) => throw new KustomizeBuildException($"patch and path can't be set at the same time {entry.Describe()}"),
            ({ } path, null) => FileText(path, files, directory),
            (null, { } patch) => patch,
            _ => throw new KustomizeBuildException("must specify one of patch and path in a patches entry"),
        };
        if (StrategicMergeText.Documents(text, entry.Path ?? "patch") is { } documents)
        {
            return new StrategicMergePatch(documents, entry.Target, entry.Options ?? PatchOptions.None);
        }

        var operations = JsonPatchText.Operations(text, entry);
        var target = entry.Target ?? throw new KustomizeBuildException($"must specify a target for JSON patch {entry.Describe()}");
        return new JsonPatch(target, operations);
    }

    public static string FileText(string entry, FileSet files, string directory)
    {
        var path = FilePath.Resolve(directory, entry);
        if (!BuildLimits.MayRead(directory, path))
        {
            throw new KustomizeBuildException($"failed to get the patch file from path({entry}): {BuildLimits.OutsideRoot(directory, path ?? entry)}");
        }

        if (!files.Contains(path))
        {
            throw new KustomizeBuildException($"failed to get the patch file from path({entry}): lstat {path}: no such file or directory");
        }

        return files.Text(path) ?? throw new KustomizeBuildException($"{path} is not UTF-8 text");
    }
}
