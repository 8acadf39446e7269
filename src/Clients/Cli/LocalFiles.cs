using GitOpsHQ.Files;

namespace GitOpsHQ.Cli;

/// <summary>The files below a local folder as an artifact holds them: paths relative to it, files of at most 10 MiB.</summary>
internal static class LocalFiles
{
    private const long LargestFile = 10 * 1024 * 1024;

    /// <summary>
    /// The files below <paramref name="top"/> (outside .git) as a build asks for them: nothing is listed or read that
    /// the build does not use.
    /// </summary>
    public static FileSet OnDisk(string top) => FileSet.OnDisk(top, LargestFile, ".git");

    /// <summary>
    /// Every file below <paramref name="top"/> outside folders named in <paramref name="skipped"/>, each read only when
    /// first used (a chart's loader leaves out what .helmignore names without reading it).
    /// </summary>
    public static FileSet ReadLazily(string top, params string[] skipped) =>
        FileSet.Lazy(Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories)
            .Select(file => (file, relative: Path.GetRelativePath(top, file).Replace('\\', '/')))
            .Where(f => !f.relative.Split('/').Any(skipped.Contains))
            .Where(f => Followed(f.file).Length <= LargestFile)
            .Select(f => (f.relative, (Func<byte[]>)(() => File.ReadAllBytes(f.file)))));

    // The file, through its link when it is one; a link to nothing is refused as Helm's loader refuses it, naming the
    // first part of the target that does not exist.
    private static FileInfo Followed(string file)
    {
        var info = new FileInfo(file);
        if (info.LinkTarget is { } target && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
        {
            var missing = Path.GetFullPath(target, Path.GetDirectoryName(file)!);
            while (Path.GetDirectoryName(missing) is { } parent && !Path.Exists(parent))
            {
                missing = parent;
            }

            throw new IOException($"error evaluating symlink {file}: lstat {missing}: no such file or directory");
        }

        return info;
    }
}
