using System.Text;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// What Git's own object checks (fsck) refuse in file content, checked at every door so no write can leave a repository
/// that `git fsck` or a careful `git clone` rejects: a .gitmodules whose url, path or update looks like a command-line
/// option or holds a line break.
/// </summary>
public static class GitContentRules
{
    public static void Check(string path, ReadOnlySpan<byte> content)
    {
        if (!ArtifactPathName(path).Equals(".gitmodules", StringComparison.OrdinalIgnoreCase)) return;
        foreach (var raw in Encoding.UTF8.GetString(content).Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=');
            if (equals <= 0 || line.StartsWith('#') || line.StartsWith(';')) continue;
            var key = line[..equals].Trim().ToLowerInvariant();
            var value = line[(equals + 1)..].Trim().Trim('"');
            if (key is "url" or "path" or "update" && (value.StartsWith('-') || value.Contains('\r')))
                throw new ProductException(ErrorCode.PathInvalid,
                    $"'{path}': the submodule {key} '{value}' would be read as a command-line option; Git refuses such .gitmodules.");
        }
    }

    private static string ArtifactPathName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
