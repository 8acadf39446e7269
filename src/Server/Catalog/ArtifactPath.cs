using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// A file path inside an artifact: relative, '/'-separated, normalised; never "..", absolute,
/// a control character or anything under ".git".
/// </summary>
public static class ArtifactPath
{
    private const int MaxLength = 1024;

    public static string Normalise(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw Invalid(path, "a file path is required");
        if (path.Length > MaxLength) throw Invalid(path, $"paths are at most {MaxLength} characters");
        if (path.Any(char.IsControl)) throw Invalid(path, "paths cannot contain NUL or control characters");
        if (path.Contains('\\')) throw Invalid(path, "use '/' to separate folders");
        if (path.StartsWith('/')) throw Invalid(path, "paths are relative to the artifact's root, not absolute");
        if (path.EndsWith('/')) throw Invalid(path, "a path names a file, not a folder");

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or ".") continue;
            if (segment == "..") throw Invalid(path, "'..' cannot leave or climb within the artifact");
            if (segment.Equals(".git", StringComparison.OrdinalIgnoreCase)) throw Invalid(path, "'.git' is reserved");
            if (segment.Length > 255) throw Invalid(path, "a path segment is at most 255 characters");
            segments.Add(segment);
        }
        if (segments.Count == 0) throw Invalid(path, "a file path is required");
        return string.Join('/', segments);
    }

    private static ProductException Invalid(string? path, string rule) =>
        new(ErrorCode.PathInvalid, $"'{path}' is not a valid file path: {rule}.");
}
