namespace GitOpsHQ.Files;

/// <summary>
/// Paths inside a file set: relative to its root, '/' separated, without '.' or '..' segments.
/// </summary>
public static class FilePath
{
    /// <summary>Longest path a file set holds (file systems' own limit).</summary>
    public const int MaxLength = 4096;

    /// <summary>Longest name of one file or folder (file systems' own limit).</summary>
    public const int MaxSegmentLength = 255;

    /// <summary>Why <paramref name="path"/> cannot name a file of an artifact, or null when it can.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0)
        {
            return "a file has an empty path";
        }

        if (path.StartsWith('/'))
        {
            return $"'{path}' is absolute; file paths are relative to the artifact root";
        }

        if (path.Contains('\\'))
        {
            return $"'{path}' contains '\\'; use '/' between directories";
        }

        if (path.Any(char.IsControl))
        {
            return $"'{path}' contains a control character";
        }

        if (path.Length > MaxLength)
        {
            return $"a path of {path.Length} characters is too long (at most {MaxLength})";
        }

        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return $"'{path}' has an empty, '.' or '..' segment";
            }

            if (segment.Length > MaxSegmentLength)
            {
                return $"'{path}' has a name too long for file systems (at most {MaxSegmentLength} characters)";
            }
        }

        return null;
    }

    /// <summary>The directory part of a path: "" for a file at the root.</summary>
    public static string DirectoryOf(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary>The last segment of a path.</summary>
    public static string NameOf(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>
    /// Resolves <paramref name="relative"/> against <paramref name="directory"/> (both inside the
    /// artifact). Returns null when the result would leave the artifact root or is absolute.
    /// The root itself resolves to "".
    /// </summary>
    public static string? Resolve(string directory, string relative)
    {
        if (relative.StartsWith('/') || relative.StartsWith('\\') || (relative.Length > 1 && relative[1] == ':'))
        {
            return null;
        }

        var segments = new List<string>();
        if (directory.Length > 0)
        {
            segments.AddRange(directory.Split('/'));
        }

        foreach (var segment in relative.Split('/'))
        {
            switch (segment)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (segments.Count == 0)
                    {
                        return null;
                    }

                    segments.RemoveAt(segments.Count - 1);
                    continue;
                default:
                    segments.Add(segment);
                    continue;
            }
        }

        return string.Join('/', segments);
    }

    /// <summary>Joins a directory ("" for the root) and a relative name.</summary>
    public static string Join(string directory, string name) => directory.Length == 0 ? name : $"{directory}/{name}";
}
