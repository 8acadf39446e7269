using System.Text;
using GitOpsHQ.Server.Errors;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// One artifact's bare Git repository: branch main is the working copy, annotated tags are the
/// published versions. Instances are short-lived and single-threaded; writers hold the
/// artifact's lock (<see cref="ArtifactLocks"/>).
/// </summary>
public sealed partial class ArtifactRepository : IDisposable
{
    public const string MainBranch = "refs/heads/main";
    public const string Main = "main";

    private readonly Repository _repo;

    private ArtifactRepository(string path)
    {
        Path = path;
        _repo = new Repository(path);
    }

    public string Path { get; }

    public static ArtifactRepository Open(string path) => new(path);

    /// <summary>Creates the bare repository with HEAD on main and the catalog's metadata in its config.</summary>
    public static void Create(string path, string description, string createdBy, DateTimeOffset createdAt)
    {
        Repository.Init(path, isBare: true);
        File.WriteAllText(System.IO.Path.Combine(path, "HEAD"), "ref: " + MainBranch + "\n");
        using var repo = new ArtifactRepository(path);
        repo.Description = description;
        repo._repo.Config.Set("gitopshq.createdBy", createdBy);
        repo._repo.Config.Set("gitopshq.createdAt", createdAt.ToUnixTimeSeconds());
    }

    /// <summary>The repository's own description file (as gitweb and cgit show it).</summary>
    public string Description
    {
        get
        {
            var file = System.IO.Path.Combine(Path, "description");
            if (!File.Exists(file)) return "";
            var text = File.ReadAllText(file).Trim();
            return text.StartsWith("Unnamed repository", StringComparison.Ordinal) ? "" : text;
        }
        set => File.WriteAllText(System.IO.Path.Combine(Path, "description"), value.Trim() + "\n");
    }

    public DateTimeOffset? CreatedAt =>
        _repo.Config.Get<long>("gitopshq.createdAt") is { } entry ? DateTimeOffset.FromUnixTimeSeconds(entry.Value) : null;

    public Commit? Head => RefCommit(MainBranch);

    /// <summary>The commit a ref points at, or null while the ref does not exist.</summary>
    /// <summary>The object a ref points at directly (a tag object for an annotated tag), or null when there is no such ref.</summary>
    public string? RefTarget(string refName) => _repo.Refs[refName]?.TargetIdentifier;

    private Commit? RefCommit(string refName) => _repo.Refs[refName] is { } reference ? _repo.Lookup<Commit>(reference.TargetIdentifier) : null;

    /// <summary>
    /// The commit a ref names: "main" (null while main has no commits), a version, or a commit id on this repository.
    /// </summary>
    public Commit? Resolve(string? reference)
    {
        if (string.IsNullOrEmpty(reference) || reference == Main) return Head;
        // Explicit forms settle what a bare name could mean twice: a version named like a commit id.
        if (reference.StartsWith("version:", StringComparison.Ordinal)) return VersionCommit(reference["version:".Length..]) ?? throw Unknown(reference);
        if (reference.StartsWith("commit:", StringComparison.Ordinal)) return CommitById(reference["commit:".Length..]) ?? throw Unknown(reference);
        var version = VersionCommit(reference);
        var commit = CommitById(reference);
        if (version is not null && commit is not null && version.Id != commit.Id)
            throw new ProductException(ErrorCode.RequestInvalid,
                $"'{reference}' is both a version and a commit id of this artifact: ask for version:{reference} or commit:{reference}.");
        return version ?? commit ?? throw Unknown(reference);
    }

    private Commit? VersionCommit(string version)
    {
        if (!IsRefName(version))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{version}' is not a ref: use main, a version, or a commit id.");
        return _repo.Tags[version] is { } tag ? (Commit)tag.PeeledTarget : null;
    }

    /// <summary>Git's rules for a tag name (git check-ref-format), so no name can reach outside refs/tags.</summary>
    private static bool IsRefName(string name) =>
        name.Length is > 0 and <= 255 && !name.Contains("..") && !name.Contains("@{") && !name.Contains("//") && name != "@" &&
        !name.StartsWith('/') && !name.StartsWith('.') && !name.EndsWith('/') && !name.EndsWith('.') &&
        !name.EndsWith(".lock", StringComparison.Ordinal) && !name.Split('/').Any(part => part.StartsWith('.')) &&
        !name.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');

    private Commit? CommitById(string id)
    {
        if (id.Length is < 7 or > 40 || !id.All(Uri.IsHexDigit)) return null;
        if (_repo.Tags[id] is null) return _repo.Lookup<Commit>(id);
        // A version has this very name, and a lookup by name finds the version first: search the history by id instead.
        var lower = id.ToLowerInvariant();
        return _repo.Commits.QueryBy(new CommitFilter { IncludeReachableFrom = _repo.Refs })
            .FirstOrDefault(c => c.Sha.StartsWith(lower, StringComparison.Ordinal));
    }

    private static ProductException Unknown(string reference) =>
        new(ErrorCode.VersionUnknown, $"'{reference}' is neither a version of this artifact, 'main', nor one of its commits.");

    public IEnumerable<(string Path, Blob Blob)> Files(Commit? commit) =>
        commit is null ? [] : Walk(commit.Tree, "");

    public static IEnumerable<(string Path, Blob Blob)> Files(Tree tree) => Walk(tree, "");

    private static IEnumerable<(string, Blob)> Walk(Tree tree, string prefix)
    {
        foreach (var entry in tree)
        {
            var path = prefix + entry.Name;
            switch (entry.Target)
            {
                case Tree sub:
                    foreach (var file in Walk(sub, path + "/")) yield return file;
                    break;
                case Blob blob:
                    yield return (path, blob);
                    break;
            }
        }
    }

    public Blob? FindFile(Commit? commit, string path) => commit?[path]?.Target as Blob;

    public IEnumerable<Tag> VersionTags => _repo.Tags.Where(t => t.IsAnnotated);

    public Tag? FindTag(string version) => _repo.Tags[version];

    /// <summary>
    /// The state of the version tags as the file system shows it, read without reading any tag: the tags folder's and
    /// packed-refs' modification times and packed-refs' size. Creating, moving or packing a tag changes it; a tag written
    /// from outside the server within the same file-system timestamp tick as the previous change is seen at the next change.
    /// </summary>
    public string TagsStamp()
    {
        var tags = new DirectoryInfo(System.IO.Path.Combine(Path, "refs", "tags"));
        var packed = new FileInfo(System.IO.Path.Combine(Path, "packed-refs"));
        return string.Join(':', tags.Exists ? tags.LastWriteTimeUtc.Ticks : 0, packed.Exists ? packed.LastWriteTimeUtc.Ticks : 0,
            packed.Exists ? packed.Length : -1);
    }

    /// <summary>
    /// Writes a new commit on main from <paramref name="parent"/>: <paramref name="change"/> edits the tree and
    /// returns the commit message; <paramref name="check"/> may refuse the new tree before main moves.
    /// </summary>
    public Commit CommitOnMain(Commit? parent, Func<TreeDefinition, string> change, Signature author, Action<Tree>? check = null) =>
        CommitOnRef(MainBranch, parent, change, author, check,
            "main moved while the edit was being written; reload and apply the change again.");

    /// <summary>The commit a branch points at, or null while the branch does not exist.</summary>
    public Commit? BranchHead(string branch) => RefCommit("refs/heads/" + branch);

    /// <summary>
    /// Writes a new commit on <paramref name="branch"/> from <paramref name="parent"/> (null: the branch is created), moving
    /// the branch from exactly that parent (compare and swap, as every write of the repository).
    /// </summary>
    public Commit CommitOnBranch(string branch, Commit? parent, Func<TreeDefinition, string> change, Signature author) =>
        CommitOnRef("refs/heads/" + branch, parent, change, author, null,
            $"{branch} moved while the change was being written; read it again and repeat the change.");

    /// <summary>
    /// Writes a commit on <paramref name="refName"/> from <paramref name="parent"/> and moves the ref from exactly that parent
    /// to it (compare and swap): if the ref points anywhere else — another writer landed first, in this process or another —
    /// nothing moves and the write is refused as stale.
    /// </summary>
    private Commit CommitOnRef(string refName, Commit? parent, Func<TreeDefinition, string> change, Signature author, Action<Tree>? check,
        string staleMessage)
    {
        var definition = parent is null ? new TreeDefinition() : TreeDefinition.From(parent.Tree);
        var message = change(definition);
        var tree = _repo.ObjectDatabase.CreateTree(definition);
        check?.Invoke(tree);
        return CommitTreeOnRef(refName, parent, tree, message, author, staleMessage);
    }

    /// <summary>Commits <paramref name="tree"/> on <paramref name="refName"/> from <paramref name="parent"/>, moving the ref by compare and swap.</summary>
    private Commit CommitTreeOnRef(string refName, Commit? parent, Tree tree, string message, Signature author, string staleMessage)
    {
        var commit = _repo.ObjectDatabase.CreateCommit(author, author, message, tree, parent is null ? [] : [parent], prettifyMessage: true);
        var log = "commit: " + message.Split('\n')[0];
        var current = _repo.Refs[refName];
        if (current?.TargetIdentifier != parent?.Sha) throw new ProductException(ErrorCode.StaleWrite, staleMessage);
        try
        {
            // Both calls compare and swap against the value just checked: a writer in between makes this one fail.
            if (current is null)
                _repo.Refs.Add(refName, commit.Id, log, allowOverwrite: false);
            else
                _repo.Refs.UpdateTarget(current, commit.Id, log);
        }
        catch (LibGit2SharpException)
        {
            throw new ProductException(ErrorCode.StaleWrite, staleMessage);
        }
        return commit;
    }

    public Blob CreateBlob(byte[] content)
    {
        using var stream = new MemoryStream(content, writable: false);
        return _repo.ObjectDatabase.CreateBlob(stream);
    }

    /// <summary>Creates the annotated version tag; false when the tag already exists (versions never move).</summary>
    public bool TryCreateVersionTag(string version, Commit commit, Signature tagger, string notes)
    {
        try
        {
            _repo.Tags.Add(version, commit, tagger, string.IsNullOrWhiteSpace(notes) ? $"Version {version}\n" : notes, allowOverwrite: false);
            return true;
        }
        catch (NameConflictException)
        {
            return false;
        }
        catch (LockedFileException)
        {
            // Only a writer outside the artifact's write scope can hold the tag's lock: refuse rather than wait.
            throw new ProductException(ErrorCode.StaleWrite, $"another writer is creating the tag {version} right now; try again.");
        }
    }

    private const string PublishersNotes = "publishers";

    /// <summary>Records who published a version and how (a note on its tag object). Callers hold the artifact's lock.</summary>
    public void RecordPublisher(string version, Catalog.Actor actor, Catalog.PublishSource source, DateTimeOffset at)
    {
        var tag = FindTag(version) ?? throw new InvalidOperationException($"No tag {version}.");
        var note = new Catalog.Publication(actor.Username, actor.Name, actor.Email, source, at).ToNote();
        var signature = actor.Signature(at);
        WriteNote(PublishersNotes, tag.Annotation.Id, note, signature);
    }

    private const string OciNotes = "oci";

    /// <summary>Keeps pushed OCI bytes as Git blobs, noted on the version's tag. Callers hold the artifact's lock.</summary>
    /// <summary>
    /// Keeps the exact bytes a client pushed (or an upstream served) for a version, before its tag exists: blobs on
    /// <see cref="PushedRef"/>, so the version can be noted with them the moment its tag lands (<see cref="NotePushedArtifact"/>).
    /// </summary>
    public PushedArtifact KeepPushedArtifact(string version, byte[] manifest, string manifestDigest, string manifestType, byte[] config,
        string configDigest, string configType, byte[] layer, string layerDigest, string layerType, Signature signature)
    {
        var pushed = new PushedArtifact(
            new PushedObject(manifestDigest, manifestType, CreateBlob(manifest).Sha),
            new PushedObject(configDigest, configType, CreateBlob(config).Sha),
            new PushedObject(layerDigest, layerType, CreateBlob(layer).Sha));
        // The note names the blobs; a tree on their own ref keeps them reachable, so git gc never prunes them.
        CommitOnRef(PushedRef, RefCommit(PushedRef), tree =>
        {
            foreach (var item in new[] { pushed.Manifest, pushed.Config, pushed.Layer })
                tree.Add($"{version}/{Key(item.Digest)}", _repo.Lookup<Blob>(item.GitBlob), Mode.NonExecutableFile);
            return $"Keep the pushed package of {version}";
        }, signature, null, "another push of this artifact landed at the same moment; push again.");
        return pushed;
    }

    /// <summary>Notes the version's tag with the pushed bytes kept for it; nothing when the note is there already.</summary>
    public void NotePushedArtifact(string version, PushedArtifact pushed, Signature signature)
    {
        var tag = FindTag(version) ?? throw new InvalidOperationException($"No tag {version}.");
        if (PushedArtifact(tag) is not null) return;
        WriteNote(OciNotes, tag.Annotation.Id, pushed.ToNote(), signature);
    }

    /// <summary>Holds every pushed package's manifest, config and layer (by version and digest), so they stay reachable.</summary>
    public const string PushedRef = "refs/oci/pushed";

    public PushedArtifact? PushedArtifact(Tag tag) =>
        tag.IsAnnotated ? Storage.PushedArtifact.Parse(ReadNote(OciNotes, tag.Annotation.Id)) : null;

    public byte[] ReadBlob(string sha)
    {
        var blob = _repo.Lookup<Blob>(sha) ?? throw new InvalidOperationException($"Git blob {sha} is missing.");
        using var stream = blob.GetContentStream();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>A commit on main whose tree is exactly <paramref name="files"/> (an imported snapshot).</summary>
    public Commit CommitSnapshotOnMain(Commit? parent, IEnumerable<(string Path, byte[] Content)> files, Signature author, string message)
    {
        var snapshot = files.ToList();
        return CommitOnMain(parent, tree =>
        {
            foreach (var (path, _) in Files(parent)) tree.Remove(path);
            foreach (var (path, content) in snapshot) tree.Add(path, CreateBlob(content), Mode.NonExecutableFile);
            return message;
        }, author);
    }

    public Catalog.Publication? Publication(Tag tag) =>
        tag.IsAnnotated ? Catalog.Publication.Parse(ReadNote(PublishersNotes, tag.Annotation.Id)) : null;

    public bool IsOnMain(Commit commit) =>
        Head is { } head && (head.Id == commit.Id || _repo.ObjectDatabase.FindMergeBase(head, commit)?.Id == commit.Id);

    public Patch Compare(Commit? from, Commit? to) =>
        _repo.Diff.Compare<Patch>(from?.Tree, to?.Tree, new CompareOptions
        {
            Similarity = SimilarityOptions.Renames,
            ContextLines = 3,
            IncludeUnmodified = false,
        });

    public static string? AsText(byte[] content)
    {
        if (Array.IndexOf(content, (byte)0) >= 0) return null;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    public void Dispose() => _repo.Dispose();
}
