using System.Net.Sockets;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.ExternalSources;
using GitOpsHQ.Server.Storage;
using LibGit2Sharp;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Workloads;

/// <summary>
/// One branch of a target repository, opened for one change: what is under a folder now, and a commit that replaces
/// everything under it. A local GitOps repository is written in place under its write scope; external Git is fetched,
/// committed to and pushed without force, so a branch that moved in between refuses the push.
/// </summary>
public interface IGitTarget : IAsyncDisposable
{
    /// <summary>The branch's commit, "" while it does not exist.</summary>
    string Head { get; }

    /// <summary>The files under <paramref name="folder"/> at the branch's commit: repository path → Git blob id.</summary>
    IReadOnlyDictionary<string, string> FilesUnder(string folder);

    /// <summary>The last commit on the branch that touched <paramref name="folder"/> (at most a short history is looked at).</summary>
    string DescribeLastChange(string folder);

    /// <summary>One commit replacing everything under <paramref name="folder"/> with <paramref name="files"/>; gives the commit and the new files' blob ids.</summary>
    Task<(string Commit, IReadOnlyDictionary<string, string> Files)> CommitAsync(string folder, IReadOnlyDictionary<string, byte[]> files, Signature author,
        string message, CancellationToken ct);
}

/// <summary>Opens targets: a URL of this server's GitOps repositories is local, any other is external Git under the network rule.</summary>
public sealed class GitTargets(GitOpsRepositories gitops, SourceCredentials credentials, OutboundPolicy network, IOptions<CatalogOptions> catalog)
{
    /// <summary>
    /// Checks a target as a user gave it and says which GitOps repository of this server it names ("" for external Git).
    /// </summary>
    public TargetLocation Resolve(string repository, string branch, string path, string? requestHost)
    {
        repository = (repository ?? "").Trim();
        if (!Uri.TryCreate(repository, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new ProductException(ErrorCode.RequestInvalid,
                $"target.repository '{RemoteSourceFetcher.Redact(repository)}' is not a Git URL over HTTP(S): use http(s)://HOST/git/gitops/NAME.git or an external https:// repository.");
        if (uri.UserInfo.Length > 0)
            throw new ProductException(ErrorCode.RequestInvalid,
                "target.repository must not carry credentials: store them as the host's credential (POST /api/v2/org/oci-credentials).");
        branch = string.IsNullOrWhiteSpace(branch) ? "main" : branch.Trim();
        if (!IsBranchName(branch)) throw new ProductException(ErrorCode.RequestInvalid, $"target.branch '{branch}' is not a valid branch name.");
        path = NormaliseFolder(path);
        var local = "";
        var segments = uri.AbsolutePath.Trim('/').Split('/');
        if (IsThisServer(uri, requestHost) && segments.Length == 3 && segments[0] == "git" && segments[1] == GitOpsRepositories.Kind)
        {
            local = segments[2].EndsWith(".git", StringComparison.Ordinal) ? segments[2][..^4] : segments[2];
            if (!gitops.Exists(local)) throw GitOpsRepositories.Unknown(local);
        }
        return new TargetLocation(repository, branch, path) { Local = local };
    }

    public async Task<IGitTarget> OpenAsync(TargetLocation target, CancellationToken ct)
    {
        if (target.Local.Length > 0)
        {
            var scope = await gitops.Locks.AcquireAsync(GitOpsRepositories.Kind, target.Local, ct);
            try
            {
                return new LocalTarget(gitops.Open(target.Local), target.Branch, scope);
            }
            catch
            {
                scope.Dispose();
                throw;
            }
        }
        return await ExternalTarget.OpenAsync(target, credentials, network, ct);
    }

    private bool IsThisServer(Uri uri, string? requestHost)
    {
        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return string.Equals(authority, requestHost, StringComparison.OrdinalIgnoreCase)
               || catalog.Value.Hosts.Any(host => string.Equals(host, authority, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>A folder inside the repository: relative, '/'-separated, no '.', '..' or empty segments ("" is refused: a workload owns its folder).</summary>
    public static string NormaliseFolder(string? path)
    {
        var text = (path ?? "").Trim().Replace('\\', '/').Trim('/');
        var segments = text.Split('/');
        if (text.Length == 0 || segments.Any(s => s is "" or "." or ".." || s.StartsWith(".git", StringComparison.OrdinalIgnoreCase) ||
                                                  s.Any(c => char.IsControl(c) || c is ':' or '*' or '?' or '[' or '\\')))
            throw new ProductException(ErrorCode.PathInvalid,
                $"target.path '{path}' is not a folder inside the repository: give a relative path such as apps/web (the workload owns everything under it).");
        return text;
    }

    private static bool IsBranchName(string name) =>
        name.Length <= 200 && !name.Contains("..") && !name.Contains("@{") && !name.Contains("//") && !name.StartsWith('/') && !name.StartsWith('-') &&
        !name.EndsWith('/') && !name.EndsWith('.') && !name.EndsWith(".lock", StringComparison.Ordinal) && !name.Split('/').Any(p => p.StartsWith('.')) &&
        !name.Any(c => char.IsControl(c) || c is ' ' or '~' or '^' or ':' or '?' or '*' or '[' or '\\');

    internal static IReadOnlyDictionary<string, string> Files(Commit? commit, string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (commit?[folder]?.Target is Tree tree)
            foreach (var (path, blob) in ArtifactRepository.Files(tree))
                files[folder + "/" + path] = blob.Sha;
        return files;
    }

    internal static string Describe(Commit commit) =>
        $"{commit.Sha[..12]} by {commit.Author.Name} <{commit.Author.Email}> at {commit.Author.When.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z: {commit.MessageShort}";

    /// <summary>Builds the commit replacing the folder's content in <paramref name="repo"/> on <paramref name="branch"/>.</summary>
    internal static Commit Write(ArtifactRepository repo, string branch, Commit? parent, string folder, IReadOnlyDictionary<string, byte[]> files,
        Signature author, string message) =>
        repo.CommitOnBranch(branch, parent, tree =>
        {
            if (parent?[folder] is not null) tree.Remove(folder);
            foreach (var (path, content) in files) tree.Add(path, repo.CreateBlob(content), Mode.NonExecutableFile);
            return message;
        }, author);

    private sealed class LocalTarget(ArtifactRepository repo, string branch, IDisposable scope) : IGitTarget
    {
        private Commit? _head = repo.BranchHead(branch);

        public string Head => _head?.Sha ?? "";

        public IReadOnlyDictionary<string, string> FilesUnder(string folder) => Files(_head, folder);

        public string DescribeLastChange(string folder) => LastChange(_head, folder);

        public Task<(string Commit, IReadOnlyDictionary<string, string> Files)> CommitAsync(string folder, IReadOnlyDictionary<string, byte[]> files,
            Signature author, string message, CancellationToken ct)
        {
            var commit = Write(repo, branch, _head, folder, files, author, message);
            _head = commit;
            return Task.FromResult((commit.Sha, Files(commit, folder)));
        }

        public ValueTask DisposeAsync()
        {
            repo.Dispose();
            scope.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>The newest commit (of the last 200 on the first-parent line) that changed the folder.</summary>
    internal static string LastChange(Commit? head, string folder)
    {
        var commit = head;
        for (var i = 0; commit is not null && i < 200; i++)
        {
            var parent = commit.Parents.FirstOrDefault();
            if (parent is null || parent[folder]?.Target.Sha != commit[folder]?.Target.Sha) return Describe(commit);
            commit = parent;
        }
        return head is null ? "" : Describe(head);
    }

    /// <summary>
    /// External Git over HTTPS (plain HTTP only to a host listed in ExternalSources:AllowedHosts or whose credential is
    /// marked insecure): the branch is fetched into a scratch repository with git pinned to the addresses the network rule
    /// checked, the commit made there and pushed without force. The host's stored credential is handed to git through its
    /// environment, never on a command line or in a message.
    /// </summary>
    private sealed class ExternalTarget : IGitTarget
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
        private readonly TargetLocation _target;
        private readonly DirectoryInfo _scratch;
        private readonly Dictionary<string, string> _environment;
        private readonly ArtifactRepository _repo;
        private Commit? _head;

        private ExternalTarget(TargetLocation target, DirectoryInfo scratch, Dictionary<string, string> environment)
        {
            _target = target;
            _scratch = scratch;
            _environment = environment;
            _repo = ArtifactRepository.Open(scratch.FullName);
        }

        public static async Task<IGitTarget> OpenAsync(TargetLocation target, SourceCredentials credentials, OutboundPolicy network, CancellationToken ct)
        {
            var uri = new Uri(target.Repository);
            var credential = credentials.ForHost(SourceHost.Of(uri));
            System.Net.IPAddress[] addresses;
            try
            {
                network.CheckScheme(uri, plainHttpAllowed: credential?.Insecure == true);
                addresses = await network.ResolveAsync(uri.Host, uri.Port, ct);
            }
            catch (OutboundRefusedException e)
            {
                throw new ProductException(ErrorCode.DestinationRefused, $"The target repository {OutboundSession.Show(uri)} is refused: {e.Message}");
            }
            catch (SocketException)
            {
                throw new ProductException(ErrorCode.RemoteFailed, $"The target repository {OutboundSession.Show(uri)} is unreachable: its host name could not be resolved (DNS).");
            }
            var pinned = $"{uri.Host}:{uri.Port}:{string.Join(',', addresses.Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString()))}";
            var settings = new List<(string, string)>
            {
                ("protocol.allow", "never"), ("protocol.http.allow", "always"), ("protocol.https.allow", "always"), ("credential.helper", ""),
                ("http.followRedirects", "false"), ("http.curloptResolve", pinned),
            };
            if (credential is not null)
            {
                var secret = credentials.Secret(credential);
                var value = credential.AuthType == SourceCredential.Bearer
                    ? "Bearer " + secret
                    : "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{credential.Username}:{secret}"));
                settings.Add(("http.extraHeader", "Authorization: " + value));
            }
            var environment = new Dictionary<string, string>
            {
                ["GIT_TERMINAL_PROMPT"] = "0", ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_ASKPASS"] = "/bin/false", ["GIT_CONFIG_COUNT"] = settings.Count.ToString(),
            };
            for (var i = 0; i < settings.Count; i++)
            {
                environment[$"GIT_CONFIG_KEY_{i}"] = settings[i].Item1;
                environment[$"GIT_CONFIG_VALUE_{i}"] = settings[i].Item2;
            }
            var scratch = Directory.CreateTempSubdirectory("gitopshq-target-");
            try
            {
                await GitAsync(scratch.FullName, environment, target, ct, "init", "-q", "--bare", ".");
                var target1 = new ExternalTarget(target, scratch, environment);
                await target1.FetchAsync(ct);
                return target1;
            }
            catch
            {
                scratch.Delete(recursive: true);
                throw;
            }
        }

        private async Task FetchAsync(CancellationToken ct)
        {
            var (code, error) = await RunAsync(_scratch.FullName, _environment, ct, "fetch", "-q", "--depth", "1", "--no-tags", _target.Repository,
                $"+refs/heads/{_target.Branch}:refs/heads/{_target.Branch}");
            if (code != 0)
            {
                // A branch that does not exist yet is created by the first commit; anything else is a failure.
                if (error.Contains("couldn't find remote ref", StringComparison.OrdinalIgnoreCase)) return;
                throw Failure("fetching", error);
            }
            _head = _repo.BranchHead(_target.Branch);
        }

        public string Head => _head?.Sha ?? "";

        public IReadOnlyDictionary<string, string> FilesUnder(string folder) => Files(_head, folder);

        public string DescribeLastChange(string folder) => _head is null ? "" : Describe(_head);

        public async Task<(string Commit, IReadOnlyDictionary<string, string> Files)> CommitAsync(string folder, IReadOnlyDictionary<string, byte[]> files,
            Signature author, string message, CancellationToken ct)
        {
            var commit = Write(_repo, _target.Branch, _head, folder, files, author, message);
            var (code, error) = await RunAsync(_scratch.FullName, _environment, ct, "push", "-q", "--no-verify", _target.Repository,
                $"{commit.Sha}:refs/heads/{_target.Branch}");
            if (code != 0)
            {
                if (error.Contains("non-fast-forward", StringComparison.OrdinalIgnoreCase) || error.Contains("fetch first", StringComparison.OrdinalIgnoreCase) ||
                    error.Contains("rejected", StringComparison.OrdinalIgnoreCase))
                    throw new ProductException(ErrorCode.StaleWrite,
                        $"{_target.Branch} of {OutboundSession.Show(new Uri(_target.Repository))} moved while the change was being written; nothing was pushed. Try again.");
                throw Failure("pushing to", error);
            }
            _head = commit;
            return (commit.Sha, Files(commit, folder));
        }

        private ProductException Failure(string doing, string error) =>
            new(ErrorCode.RemoteFailed, $"{char.ToUpperInvariant(doing[0])}{doing[1..]} {OutboundSession.Show(new Uri(_target.Repository))} failed: " +
                                        RemoteSourceFetcher.Redact(error.Trim()));

        private static async Task GitAsync(string directory, Dictionary<string, string> environment, TargetLocation target, CancellationToken ct,
            params string[] arguments)
        {
            var (code, error) = await RunAsync(directory, environment, ct, arguments);
            if (code != 0) throw new ProductException(ErrorCode.Unavailable, $"git {arguments[0]} failed for {OutboundSession.Show(new Uri(target.Repository))}: {error.Trim()}");
        }

        private static Task<(int Code, string Error)> RunAsync(string directory, Dictionary<string, string> environment, CancellationToken ct,
            params string[] arguments) =>
            GitHttp.GitProcess.RunBoundedAsync(directory, ["--git-dir=" + directory, .. arguments], environment, Timeout,
                () => new ProductException(ErrorCode.RemoteFailed, $"git {arguments[0]} took longer than {Timeout.TotalSeconds:0} s."), ct);

        public ValueTask DisposeAsync()
        {
            _repo.Dispose();
            try
            {
                _scratch.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A scratch folder left behind is removed with the system's temporary files.
            }
            return ValueTask.CompletedTask;
        }
    }
}
