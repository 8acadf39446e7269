namespace GitOpsHQ.Contracts;

/// <summary>
/// The rule for file paths inside an artifact, shared by the server's doors and every plugin: relative, '/' separated,
/// no '..', nothing under '.git', no control characters, at most <see cref="MaxLength"/> characters.
/// </summary>
public static class ArtifactPaths
{
    public const int MaxLength = 1024;

    /// <summary>The catalog's form of a path a person or an archive wrote ("./a//b.yaml" is "a/b.yaml"), or the rule it breaks.</summary>
    public static (string? Path, string? Problem) Normalise(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return (null, "a file path is required");
        if (path.Length > MaxLength) return (null, $"paths are at most {MaxLength} characters");
        if (path.Any(char.IsControl)) return (null, "paths cannot contain NUL or control characters");
        if (path.Contains('\\')) return (null, "use '/' to separate folders");
        if (path.StartsWith('/')) return (null, "paths are relative to the artifact's root, not absolute");
        if (path.EndsWith('/')) return (null, "a path names a file, not a folder");
        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") return (null, "'..' cannot leave or climb within the artifact");
            // Git takes a name of spaces only, but no tree holding one can be edited again: refused like an empty name.
            if (string.IsNullOrWhiteSpace(segment)) return (null, "a folder or file name cannot be blank (spaces only)");
            if (IsGitDirectoryAlias(segment)) return (null, $"'{segment}' names Git's own folder ('.git' and the names file systems treat as it are reserved)");
            if (segment.Length > 255) return (null, "a path segment is at most 255 characters");
            segments.Add(segment);
        }
        var normalised = string.Join('/', segments);
        // "./ " leaves a name of spaces only, which the first rule refuses when it is written alone.
        return string.IsNullOrWhiteSpace(normalised) ? (null, "a file path is required") : (normalised, null);
    }

    /// <summary>
    /// '.git' and what Git itself refuses as it on checkout (core.protectNTFS, core.protectHFS): any case, trailing dots
    /// and spaces, an NTFS stream suffix (".git::$INDEX_ALLOCATION"), the 8.3 short name "git~1", and characters macOS
    /// ignores in names.
    /// </summary>
    public static bool IsGitDirectoryAlias(string segment)
    {
        var visible = new string(segment.Where(c => !IsIgnorableOnHfs(c)).ToArray());
        var colon = visible.IndexOf(':');
        if (colon >= 0) visible = visible[..colon];
        visible = visible.TrimEnd('.', ' ').ToLowerInvariant();
        return visible is ".git" or "git~1";
    }

    private static bool IsIgnorableOnHfs(char c) =>
        c is >= '\u200c' and <= '\u200f' or >= '\u202a' and <= '\u202e' or >= '\u206a' and <= '\u206f' or '\ufeff';
}
