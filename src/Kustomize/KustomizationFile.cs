using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>The file that makes a directory a kustomization, under any of the names kustomize accepts.</summary>
public static class KustomizationFile
{
    public static readonly string[] Names = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

    /// <summary>The kustomization files directly in <paramref name="directory"/> ("" is the root).</summary>
    public static IReadOnlyList<string> In(FileSet files, string directory) =>
        Names.Select(name => FilePath.Join(directory, name)).Where(files.Contains).ToList();
}
