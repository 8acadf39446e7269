using System.Text;

namespace GitOpsHQ.Files;

/// <summary>
/// Files by path (relative, '/' separated, see <see cref="FilePath"/>) with their bytes. Building one checks every
/// path, so an engine can trust them: a bad path, a duplicate or a path that is both a file and a directory throws
/// <see cref="FileSetException"/>.
/// </summary>
public sealed class FileSet
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SortedDictionary<string, byte[]?> _files = new(StringComparer.Ordinal);

    // Files of a lazy set not read yet: each is read on first use.
    private readonly Dictionary<string, Func<byte[]>> _unread = new(StringComparer.Ordinal);

    /// <summary>Files of a lazy set read so far.</summary>
    private readonly Dictionary<string, byte[]> _read = new(StringComparer.Ordinal);

    // The folder of a set read from disk as it is used, until the set is first enumerated (Paths, Files, Under): then
    // the folder is listed into the set, which from there on is a lazy set like any other.
    private DiskFolder? _disk;

    private FileSet()
    {
    }

    private FileSet(DiskFolder disk) => _disk = disk;

    /// <summary>Builds a file set; throws <see cref="FileSetException"/> for a bad or repeated path.</summary>
    public static FileSet From(IEnumerable<(string Path, byte[] Content)> files)
    {
        var set = new FileSet();
        foreach (var (path, content) in files)
        {
            if (FilePath.Problem(path) is { } problem)
            {
                throw new FileSetException($"Bad file path: {problem}.");
            }

            if (!set._files.TryAdd(path, content))
            {
                throw new FileSetException($"The file '{path}' is listed more than once.");
            }
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in set._files.Keys)
        {
            var dir = FilePath.DirectoryOf(path);
            while (dir.Length > 0 && directories.Add(dir))
            {
                dir = FilePath.DirectoryOf(dir);
            }
        }

        if (directories.FirstOrDefault(set._files.ContainsKey) is { } clash)
        {
            throw new FileSetException($"'{clash}' is both a file and a directory.");
        }

        return set;
    }

    /// <summary>
    /// A file set whose contents are read only when a file is first used (a local checkout, where a build needs a
    /// few files of many); paths are checked as in <see cref="From"/>.
    /// </summary>
    public static FileSet Lazy(IEnumerable<(string Path, Func<byte[]> Read)> files)
    {
        var list = files.ToList();
        var set = From(list.Select(file => (file.Path, Array.Empty<byte>())));
        foreach (var (path, read) in list)
        {
            set._files[path] = null;
            set._unread[path] = read;
        }

        return set;
    }

    /// <summary>
    /// The files below a folder on disk, looked up and read only as they are used: whether a path is a file or a
    /// directory, and a file's bytes, are asked of the disk when first needed, and the folder is listed only when the
    /// whole set is enumerated. A build deep inside a large repository touches its own few files and nothing else.
    /// Paths inside a folder named in <paramref name="skipped"/> are not in the set. Reading a file larger than
    /// <paramref name="largestFile"/> bytes, or one whose links lead outside the folder, throws
    /// <see cref="FileSetException"/>.
    /// </summary>
    public static FileSet OnDisk(string folder, long largestFile, params string[] skipped) =>
        new(new DiskFolder(Path.GetFullPath(folder), largestFile, skipped));

    /// <summary>The paths whose contents are in memory: every file of an eager set, those used so far of a lazy one.</summary>
    public IEnumerable<string> LoadedPaths => _disk is not null
        ? _read.Keys
        : _files.Where(file => file.Value is not null || _read.ContainsKey(file.Key)).Select(file => file.Key);

    /// <summary>Builds a file set of texts, each stored as UTF-8.</summary>
    public static FileSet FromTexts(IEnumerable<(string Path, string Text)> files) =>
        From(files.Select(file => (file.Path, Encoding.UTF8.GetBytes(file.Text))));

    /// <summary>Every file with its bytes, in ordinal path order.</summary>
    public IEnumerable<(string Path, byte[] Content)> Files => Listing.Keys.ToList().Select(path => (path, Bytes(path)));

    /// <summary>Every file path, in ordinal order.</summary>
    public IReadOnlyCollection<string> Paths => Listing.Keys;

    public int Count => Listing.Count;

    public bool Contains(string path) =>
        _disk is not null ? _read.ContainsKey(path) || _disk.IsFile(path) : _files.ContainsKey(path);

    // Every path of the set; a set on disk lists its folder the first time.
    private SortedDictionary<string, byte[]?> Listing
    {
        get
        {
            if (_disk is { } disk)
            {
                foreach (var path in disk.List())
                {
                    _files[path] = null;
                    _unread[path] = () => disk.Read(path);
                }

                _disk = null;
            }

            return _files;
        }
    }

    /// <summary>The bytes of a file; throws when it is not in the set.</summary>
    public byte[] Bytes(string path)
    {
        if (_disk is not null)
        {
            if (!_read.TryGetValue(path, out var read))
            {
                read = _disk.IsFile(path) ? _disk.Read(path) : throw new KeyNotFoundException($"No file '{path}' in the set.");
                _read[path] = read;
            }

            return read;
        }

        if (!_files.TryGetValue(path, out var bytes))
        {
            throw new KeyNotFoundException($"No file '{path}' in the set.");
        }

        if (bytes is null && !_read.TryGetValue(path, out bytes))
        {
            // Kept beside the listing, not in it: reading a file while its paths are enumerated changes nothing enumerated.
            bytes = _unread[path]();
            _read[path] = bytes;
        }

        return bytes;
    }

    /// <summary>
    /// The file as text when it is UTF-8 without NUL characters (a leading byte order mark is
    /// dropped); null when it looks binary.
    /// </summary>
    public string? Text(string path)
    {
        var bytes = Bytes(path);
        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            return null;
        }

        try
        {
            var text = StrictUtf8.GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>True when some file lies below <paramref name="directory"/> ("" is the root).</summary>
    public bool IsDirectory(string directory) =>
        _disk is not null ? _disk.IsDirectory(directory)
        : directory.Length == 0 ? _files.Count > 0 : Under(directory).Any();

    /// <summary>Every file below <paramref name="directory"/>, at any depth, in ordinal order.</summary>
    public IEnumerable<string> Under(string directory)
    {
        if (directory.Length == 0)
        {
            return Listing.Keys;
        }

        var prefix = directory + "/";
        return Listing.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal));
    }

    /// <summary>The names of the files and directories directly inside <paramref name="directory"/>.</summary>
    public IReadOnlyList<string> List(string directory)
    {
        var start = directory.Length == 0 ? 0 : directory.Length + 1;
        return Under(directory)
            .Select(path => path[start..].Split('/')[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}

/// <summary>A file set cannot be built: a path is malformed, repeated, or both a file and a directory.</summary>
public sealed class FileSetException(string message) : ArgumentException(message);
