using System.Text;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Storage;

public sealed partial class ArtifactRepository
{
    /// <summary>
    /// A version's note (publisher, pushed bytes, upstream) in <c>refs/notes/&lt;space&gt;</c>. Notes are kept fanned out
    /// as git keeps many notes — <c>ab/cdef…</c> for the object <c>abcdef…</c> — so reading or adding one looks up or
    /// rewrites a tree of at most 256 entries and one of about n/256, never a tree of every version's note. Notes in
    /// any layout git writes (flat, 2/38, 2/2/36) are read; flat ones are fanned out at the next note written.
    /// </summary>
    private string? ReadNote(string space, ObjectId target)
    {
        if (RefCommit(NotesRef(space)) is not { } commit) return null;
        var sha = target.Sha;
        if (!_noteTops.TryGetValue(space, out var top) || top.Commit != commit.Sha)
        {
            // Fanned out, as this server writes: a lookup by path reads the top tree (at most 256 entries) and one small subtree.
            if (commit[$"{sha[..2]}/{sha[2..]}"]?.Target is Blob fanned) return fanned.GetContentText();
            // Else the top tree may be flat, written by git or an earlier server: its entries are read once for this instance.
            _noteTops[space] = top = (commit.Sha, commit.Tree.ToDictionary(e => e.Name, StringComparer.Ordinal));
        }
        if (top.Entries.TryGetValue(sha, out var flat)) return (flat.Target as Blob)?.GetContentText();
        if (!top.Entries.TryGetValue(sha[..2], out var folder) || folder.Target is not Tree fanout) return null;
        return (fanout[sha[2..]]?.Target ?? fanout[$"{sha[2..4]}/{sha[4..]}"]?.Target) is Blob note ? note.GetContentText() : null;
    }

    /// <summary>The top tree of each notes ref, by the notes commit it was read from.</summary>
    private readonly Dictionary<string, (string Commit, Dictionary<string, TreeEntry> Entries)> _noteTops = new(StringComparer.Ordinal);

    /// <summary>Writes (or replaces) the note on <paramref name="target"/>, moving the notes ref by compare and swap. Callers hold the write scope.</summary>
    private void WriteNote(string space, ObjectId target, string text, Signature signature)
    {
        var notesRef = NotesRef(space);
        var parent = RefCommit(notesRef);
        var sha = target.Sha;
        var note = CreateBlob(Encoding.UTF8.GetBytes(text));
        var message = $"Note on {sha}";
        var stale = $"another writer changed {notesRef} at the same moment; try again.";
        if (parent is not null && FannedOutTree(parent.Tree, sha, note.Id) is { } tree)
        {
            CommitTreeOnRef(notesRef, parent, tree, message, signature, stale);
            return;
        }
        CommitOnRef(notesRef, parent, definition =>
        {
            if (parent is not null)
            {
                foreach (var entry in parent.Tree.Where(e => e.TargetType == TreeEntryTargetType.Blob && e.Name.Length == 40).ToList())
                {
                    definition.Remove(entry.Name);
                    definition.Add($"{entry.Name[..2]}/{entry.Name[2..]}", (Blob)entry.Target, entry.Mode);
                }
                if (parent[$"{sha[..2]}/{sha[2..4]}/{sha[4..]}"] is not null) definition.Remove($"{sha[..2]}/{sha[2..4]}/{sha[4..]}");
            }
            definition.Add($"{sha[..2]}/{sha[2..]}", note, Mode.NonExecutableFile);
            return message;
        }, signature, null, stale);
    }

    /// <summary>
    /// The notes tree with the note added, written entry by entry: the top tree and one fan-out tree, nothing else read or
    /// written. Null unless the tree is fanned out one level throughout (then the general path rewrites it).
    /// </summary>
    private Tree? FannedOutTree(Tree top, string sha, ObjectId note)
    {
        var entries = top.Select(e => (e.Name, e.Mode, e.Target.Id)).ToList();
        if (entries.Any(e => e.Mode != Mode.Directory || e.Name.Length != 2)) return null;
        var (prefix, rest) = (sha[..2], sha[2..]);
        var folder = entries.FindIndex(e => e.Name == prefix);
        var notes = folder < 0 ? [] : _repo.Lookup<Tree>(entries[folder].Id).Select(e => (e.Name, e.Mode, e.Target.Id)).ToList();
        if (notes.Any(e => e.Mode == Mode.Directory)) return null;
        notes.RemoveAll(e => e.Name == rest);
        notes.Add((rest, Mode.NonExecutableFile, note));
        var written = WriteTree(notes);
        if (folder >= 0) entries.RemoveAt(folder);
        entries.Add((prefix, Mode.Directory, written));
        return _repo.Lookup<Tree>(WriteTree(entries));
    }

    /// <summary>A tree object from its entries, in git's order (a folder sorts as its name followed by '/').</summary>
    private ObjectId WriteTree(List<(string Name, Mode Mode, ObjectId Id)> entries)
    {
        using var content = new MemoryStream();
        foreach (var (name, mode, id) in entries.OrderBy(e => e.Mode == Mode.Directory ? e.Name + "/" : e.Name, StringComparer.Ordinal))
        {
            content.Write(Encoding.UTF8.GetBytes($"{Convert.ToString((int)mode, 8)} {name}\0"));
            content.Write(id.RawId);
        }
        return _repo.ObjectDatabase.Write<Tree>(content.ToArray());
    }

    private static string NotesRef(string space) => "refs/notes/" + space;
}
