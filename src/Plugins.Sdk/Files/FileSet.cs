using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Sdk.Files;

/// <summary>
/// The files of one artifact, looked up by path. Building one checks every path, so the rest of
/// a plugin can trust them: a bad path or a duplicate is the caller's mistake (InvalidArgument).
/// </summary>
public sealed class FileSet
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SortedDictionary<string, byte[]> _files = new(StringComparer.Ordinal);

    private FileSet()
    {
    }

    /// <summary>Builds a file set, throwing InvalidArgument for a bad or repeated path.</summary>
    public static FileSet From(IEnumerable<ArtifactFile> files)
    {
        var set = new FileSet();
        foreach (var file in files)
        {
            if (ArtifactPath.Problem(file.Path) is { } problem)
            {
                throw InvalidRequest.Because($"Bad file path: {problem}.");
            }

            if (!set._files.TryAdd(file.Path, file.Content.ToByteArray()))
            {
                throw InvalidRequest.Because($"The file '{file.Path}' is listed more than once.");
            }
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in set._files.Keys)
        {
            var dir = ArtifactPath.DirectoryOf(path);
            while (dir.Length > 0 && directories.Add(dir))
            {
                dir = ArtifactPath.DirectoryOf(dir);
            }
        }

        if (directories.FirstOrDefault(set._files.ContainsKey) is { } clash)
        {
            throw InvalidRequest.Because($"'{clash}' is both a file and a directory.");
        }

        return set;
    }

    /// <summary>Every file path, in ordinal order.</summary>
    public IReadOnlyCollection<string> Paths => _files.Keys;

    public int Count => _files.Count;

    public bool Contains(string path) => _files.ContainsKey(path);

    /// <summary>The bytes of a file; throws when it is not in the set.</summary>
    public byte[] Bytes(string path) => _files.TryGetValue(path, out var bytes)
        ? bytes
        : throw new KeyNotFoundException($"No file '{path}' in the artifact.");

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
        directory.Length == 0 ? _files.Count > 0 : Under(directory).Any();

    /// <summary>Every file below <paramref name="directory"/>, at any depth, in ordinal order.</summary>
    public IEnumerable<string> Under(string directory)
    {
        if (directory.Length == 0)
        {
            return _files.Keys;
        }

        var prefix = directory + "/";
        return _files.Keys.Where(path => path.StartsWith(prefix, StringComparison.Ordinal));
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
