namespace GitOpsHQ.Files;

/// <summary>
/// A folder on disk seen as file-set paths (see <see cref="FileSet.OnDisk"/>): each question is asked of the disk when
/// it comes. A path is in the folder when it is well formed (<see cref="FilePath"/>), no segment is a skipped name, and
/// it names a regular file; reading follows links only while they stay inside the folder.
/// </summary>
internal sealed class DiskFolder(string root, long largestFile, string[] skipped)
{
    private readonly string _realRoot = RealPath(root);

    public bool IsFile(string path) => Usable(path) && File.Exists(Full(path));

    public bool IsDirectory(string path) => path.Length == 0 ? Directory.Exists(root) : Usable(path) && Directory.Exists(Full(path));

    public byte[] Read(string path)
    {
        var full = Full(path);
        var real = RealPath(full);
        if (real != _realRoot && !real.StartsWith(_realRoot + "/", StringComparison.Ordinal))
        {
            throw new FileSetException($"'{path}' is a link to '{real}', outside '{root}'; files are read only inside it.");
        }

        var length = new FileInfo(real).Length;
        if (length > largestFile)
        {
            throw new FileSetException($"'{path}' holds {length} bytes, over the limit of {largestFile} bytes for one file.");
        }

        return File.ReadAllBytes(real);
    }

    /// <summary>Every file path below the folder, leaving out skipped folders and files over the size limit.</summary>
    public IEnumerable<string> List() =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(file => (file, relative: Path.GetRelativePath(root, file).Replace('\\', '/')))
            .Where(f => Usable(f.relative) && new FileInfo(f.file).Length <= largestFile)
            .Select(f => f.relative);

    private string Full(string path) => Path.Combine(root, path);

    private bool Usable(string path) => FilePath.Problem(path) is null && !path.Split('/').Any(skipped.Contains);

    // The path with every link along it followed (as the operating system's realpath does).
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var real = "/";
        var hops = 0;
        var pending = new Stack<string>(full.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        while (pending.TryPop(out var segment))
        {
            if (segment == ".") continue;
            if (segment == "..")
            {
                real = Path.GetDirectoryName(real) ?? "/";
                continue;
            }

            var next = Path.Join(real, segment);
            var info = new FileInfo(next);
            if (info.LinkTarget is { } target && hops++ < 40)
            {
                if (target.StartsWith('/')) real = "/";
                foreach (var part in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse()) pending.Push(part);
                continue;
            }

            real = next;
        }

        return real;
    }
}
