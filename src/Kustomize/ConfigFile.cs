using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>Reads a file a kustomization field names (configurations, crds, openapi, replacements), relative to its directory.</summary>
internal static class ConfigFile
{
    public static string Text(string entry, FileSet files, string directory)
    {
        var path = FilePath.Resolve(directory, entry);
        if (!BuildLimits.MayRead(directory, path))
        {
            throw new KustomizeBuildException(BuildLimits.OutsideRoot(directory, path ?? entry));
        }

        if (!files.Contains(path))
        {
            throw new KustomizeBuildException($"evalsymlink failure on '{path}' : lstat {path}: no such file or directory");
        }

        return files.Text(path) ?? throw new KustomizeBuildException($"{path} is not UTF-8 text");
    }
}
