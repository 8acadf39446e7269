using GitOpsHQ.Files;

namespace GitOpsHQ.Cli;

/// <summary>The files below a local folder as an artifact holds them: paths relative to it, files of at most 10 MiB.</summary>
internal static class LocalFiles
{
    private const long LargestFile = 10 * 1024 * 1024;

    /// <summary>Every file below <paramref name="top"/>, leaving out those inside a folder named in <paramref name="skipped"/>.</summary>
    public static FileSet Read(string top, params string[] skipped) =>
        FileSet.From(Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories)
            .Select(file => (file, relative: Path.GetRelativePath(top, file).Replace('\\', '/')))
            .Where(f => !f.relative.Split('/').Any(skipped.Contains))
            .Where(f => new FileInfo(f.file).Length <= LargestFile)
            .Select(f => (f.relative, File.ReadAllBytes(f.file))));

    /// <summary>
    /// The same files, each read only when the build first uses it: a kustomization inside a large repository reads
    /// its own few files, not every file of the work tree.
    /// </summary>
    public static FileSet ReadLazily(string top, params string[] skipped) =>
        FileSet.Lazy(Directory.EnumerateFiles(top, "*", SearchOption.AllDirectories)
            .Select(file => (file, relative: Path.GetRelativePath(top, file).Replace('\\', '/')))
            .Where(f => !f.relative.Split('/').Any(skipped.Contains))
            .Where(f => new FileInfo(f.file).Length <= LargestFile)
            .Select(f => (f.relative, (Func<byte[]>)(() => File.ReadAllBytes(f.file)))));
}
