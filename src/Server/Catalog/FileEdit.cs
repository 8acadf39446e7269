using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Catalog;

/// <summary>One change to main's files; a commit holds one or several, applied in order.</summary>
public abstract record FileEdit
{
    /// <summary>Creates or replaces <paramref name="Path"/>; <paramref name="CreateOnly"/> refuses an existing file.</summary>
    public sealed record Write(string Path, byte[] Content, bool CreateOnly = false) : FileEdit;

    public sealed record Delete(string Path) : FileEdit;

    public sealed record Rename(string From, string To) : FileEdit;
}

/// <summary>
/// Main's files as the edits of one commit leave them. Each edit is checked against the files as the edits before it left
/// them (a file renamed earlier in the commit is found at its new path); nothing is written until <see cref="WriteTo"/>.
/// </summary>
internal sealed class FilePlan
{
    /// <param name="Blob">The file's blob on main when its content is unchanged (kept or moved), else null.</param>
    /// <param name="Content">New content, when written by an edit.</param>
    /// <param name="Touched">Written or moved by an edit: it is (re)added to the tree.</param>
    private sealed record Entry(Blob? Blob, byte[]? Content, bool Touched);

    private readonly HashSet<string> _original = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Entry> _files = new(StringComparer.Ordinal);

    /// <summary>How many files lie beneath each folder, to tell a folder from a free path.</summary>
    private readonly Dictionary<string, int> _folders = new(StringComparer.Ordinal);

    public static FilePlan Of(ArtifactRepository repo, Commit? head)
    {
        var plan = new FilePlan();
        foreach (var (path, blob) in repo.Files(head))
        {
            plan._original.Add(path);
            plan.Add(path, new Entry(blob, null, Touched: false));
        }
        return plan;
    }

    /// <summary>Checks and applies one edit (paths already normalised); returns its own commit message.</summary>
    public string Apply(FileEdit edit)
    {
        switch (edit)
        {
            case FileEdit.Write write:
                var exists = _files.ContainsKey(write.Path);
                if (exists && write.CreateOnly) throw new ProductException(ErrorCode.FileExists, $"'{write.Path}' already exists.");
                if (exists) Remove(write.Path);
                else RequirePlaceFor(write.Path);
                Add(write.Path, new Entry(null, write.Content, Touched: true));
                return exists ? $"Update {write.Path}" : $"Create {write.Path}";
            case FileEdit.Delete delete:
                RequireFile(delete.Path);
                Remove(delete.Path);
                return $"Delete {delete.Path}";
            case FileEdit.Rename rename:
                var moved = RequireFile(rename.From);
                if (rename.From == rename.To) throw new ProductException(ErrorCode.RequestInvalid, "The new path is the same as the old one.");
                if (_files.ContainsKey(rename.To)) throw new ProductException(ErrorCode.FileExists, $"'{rename.To}' already exists.");
                Remove(rename.From);
                RequirePlaceFor(rename.To);
                Add(rename.To, moved with { Touched = true });
                return $"Rename {rename.From} to {rename.To}";
            default:
                throw new ProductException(ErrorCode.RequestInvalid, "A change must be a write, a delete or a rename.");
        }
    }

    /// <summary>Writes the outcome into main's tree: files gone are removed, files written or moved are added.</summary>
    public void WriteTo(ArtifactRepository repo, TreeDefinition tree)
    {
        foreach (var path in _original.Where(p => !_files.ContainsKey(p))) tree.Remove(path);
        foreach (var (path, entry) in _files.Where(f => f.Value.Touched))
            tree.Add(path, entry.Content is { } content ? repo.CreateBlob(content) : entry.Blob!, Mode.NonExecutableFile);
    }

    private Entry RequireFile(string path) =>
        _files.TryGetValue(path, out var entry) ? entry : throw new ProductException(ErrorCode.FileUnknown, $"'{path}' does not exist on main.");

    /// <summary>A new file cannot sit where a folder is, nor inside something that is a file.</summary>
    private void RequirePlaceFor(string path)
    {
        if (_folders.GetValueOrDefault(path) > 0) throw new ProductException(ErrorCode.PathInvalid, $"'{path}' is a folder.");
        foreach (var parent in Parents(path))
            if (_files.ContainsKey(parent))
                throw new ProductException(ErrorCode.PathInvalid, $"'{parent}' is a file, so '{path}' cannot be created inside it.");
    }

    private void Add(string path, Entry entry)
    {
        _files[path] = entry;
        foreach (var parent in Parents(path)) _folders[parent] = _folders.GetValueOrDefault(parent) + 1;
    }

    private void Remove(string path)
    {
        _files.Remove(path);
        foreach (var parent in Parents(path)) _folders[parent]--;
    }

    /// <summary>"a/b/c.yaml" → "a", "a/b".</summary>
    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/'); slash > 0; slash = path.IndexOf('/', slash + 1)) yield return path[..slash];
    }
}
