namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The on-disk layout of the data folder, built in this one place:
/// <code>
/// DATA/repos/&lt;kind&gt;/&lt;name&gt;.git   one bare Git repository per artifact (the source of truth)
/// DATA/gitopshq.db                 org state: users, tokens, the derived catalog index
/// DATA/keys/                       Data Protection key ring
/// DATA/admin-token                 the first admin's token, written once (0600)
/// DATA/admin-password              the first admin's password, written once (0600)
/// DATA/registry/blobs/&lt;alg&gt;/&lt;hex&gt;      OCI blobs, content-addressed
/// DATA/registry/uploads/&lt;id&gt;         blob uploads in progress
/// DATA/registry/repositories/&lt;name&gt;  plain OCI repositories: tags, revisions, referrers
/// DATA/locks/&lt;kind&gt;/&lt;name&gt;.lock   each artifact's write scope, shared by every server process on the folder
/// DATA/journal/&lt;kind&gt;/&lt;name&gt;/   publications under way (publisher recorded beside the tag at the next start if cut off)
/// DATA/cache/                      derived, deletable at any time (e.g. cache/oci: artifact manifests; cache/versions: each
///                                  artifact's version index, see VersionIndex)
/// </code>
/// </summary>
public sealed class DataLayout
{
    public DataLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }
    public string Repos => Path.Combine(Root, "repos");
    public string Database => Path.Combine(Root, "gitopshq.db");
    public string Keys => Path.Combine(Root, "keys");
    public string AdminToken => Path.Combine(Root, "admin-token");
    public string AdminPassword => Path.Combine(Root, "admin-password");
    public string Cache => Path.Combine(Root, "cache");
    public string Trash => Path.Combine(Root, "trash");
    public string Registry => Path.Combine(Root, "registry");
    public string Blobs => Path.Combine(Registry, "blobs");
    public string Uploads => Path.Combine(Registry, "uploads");
    public string OciRepositories => Path.Combine(Registry, "repositories");
    public string OciCache => Path.Combine(Cache, "oci");

    public string Locks => Path.Combine(Root, "locks");
    public string Journal => Path.Combine(Root, "journal");

    public string KindRepos(string kind) => Path.Combine(Repos, kind);

    /// <summary>Callers pass only validated kinds and names (see <c>ArtifactName</c>).</summary>
    public string LockFile(string kind, string name) => Path.Combine(Locks, kind, name + ".lock");

    /// <summary>Callers pass only validated kinds and names (see <c>ArtifactName</c>).</summary>
    public string Repository(string kind, string name) => Path.Combine(Repos, kind, name + ".git");

    /// <summary>Owner only: the folder holds the key ring, token hashes and every artifact.</summary>
    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public void EnsureCreated()
    {
        foreach (var folder in new[] { Root, Keys })
        {
            Directory.CreateDirectory(folder);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, Private);
        }
        Directory.CreateDirectory(Repos);
        Directory.CreateDirectory(Cache);
        Directory.CreateDirectory(Blobs);
        Directory.CreateDirectory(Uploads);
        Directory.CreateDirectory(OciRepositories);
    }

    /// <summary>
    /// Removes what a server stopped mid-way leaves behind: repositories still being built beside their final place
    /// (<c>*.git.creating-*</c>, <c>*.git.new-*</c>, each removed under its artifact's write scope, so a creation another
    /// server on this folder has under way is left alone), folders being deleted (trash) and registry uploads, which do
    /// not outlive a restart (clients start them again). Runs at start, before the server answers. When replicas share
    /// the folder (<paramref name="shared"/>), uploads belong to every replica (a client's next chunk may reach another one)
    /// and are left to their expiry, and only trash older than an hour is removed (a younger one may be another replica's
    /// deletion under way).
    /// </summary>
    public async Task<int> SweepLeftoversAsync(ArtifactLocks locks, bool shared, CancellationToken ct)
    {
        var swept = 0;
        if (Directory.Exists(Repos))
            foreach (var staging in Directory.GetDirectories(Repos).SelectMany(Directory.GetDirectories).ToList())
            {
                var name = Path.GetFileName(staging);
                var cut = name.IndexOf(".git.creating-", StringComparison.Ordinal) is var c and >= 0 ? c : name.IndexOf(".git.new-", StringComparison.Ordinal);
                if (cut <= 0) continue;
                IDisposable scope;
                try
                {
                    scope = await locks.AcquireAsync(Path.GetFileName(Path.GetDirectoryName(staging)!), name[..cut], ct);
                }
                catch (Errors.ProductException e) when (e.Error == Errors.ErrorCode.Unavailable)
                {
                    continue; // another replica is writing it (or cannot be asked): its own
                }
                using (scope)
                    if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
                swept++;
            }
        foreach (var folder in (shared ? new[] { Trash } : [Trash, Uploads]).Where(Directory.Exists))
        foreach (var entry in Directory.GetFileSystemEntries(folder))
        {
            if (shared && Directory.GetLastWriteTimeUtc(entry) > DateTime.UtcNow.AddHours(-1)) continue;
            try
            {
                if (Directory.Exists(entry)) Directory.Delete(entry, recursive: true);
                else File.Delete(entry);
                swept++;
            }
            catch (Exception e) when (e is IOException or DirectoryNotFoundException)
            {
                // Removed meanwhile by whoever put it there.
            }
        }
        return swept;
    }
}
