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
        foreach (var path in new[] { $"{sha[..2]}/{sha[2..]}", sha, $"{sha[..2]}/{sha[2..4]}/{sha[4..]}" })
            if (commit[path]?.Target is Blob blob)
                return blob.GetContentText();
        return null;
    }

    /// <summary>Writes (or replaces) the note on <paramref name="target"/>, moving the notes ref by compare and swap. Callers hold the write scope.</summary>
    private void WriteNote(string space, ObjectId target, string text, Signature signature)
    {
        var notesRef = NotesRef(space);
        var parent = RefCommit(notesRef);
        var sha = target.Sha;
        CommitOnRef(notesRef, parent, tree =>
        {
            if (parent is not null)
            {
                foreach (var entry in parent.Tree.Where(e => e.TargetType == TreeEntryTargetType.Blob && e.Name.Length == 40).ToList())
                {
                    tree.Remove(entry.Name);
                    tree.Add($"{entry.Name[..2]}/{entry.Name[2..]}", (Blob)entry.Target, entry.Mode);
                }
                if (parent[$"{sha[..2]}/{sha[2..4]}/{sha[4..]}"] is not null) tree.Remove($"{sha[..2]}/{sha[2..4]}/{sha[4..]}");
            }
            tree.Add($"{sha[..2]}/{sha[2..]}", CreateBlob(Encoding.UTF8.GetBytes(text)), Mode.NonExecutableFile);
            return $"Note on {sha}";
        }, signature, null, $"another writer changed {notesRef} at the same moment; try again.");
    }

    private static string NotesRef(string space) => "refs/notes/" + space;
}
