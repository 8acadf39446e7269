using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Workloads;

public sealed record GitOpsRepositoryInfo(string Name, string Description, string CreatedBy, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<string, string> Branches);

/// <summary>
/// GitOps repositories hosted by this server: plain bare Git repositories at <c>DATA/repos/gitops/&lt;name&gt;.git</c>, served
/// at <c>/git/gitops/&lt;name&gt;.git</c> with ordinary branches and no version rules. The server writes to them only through
/// <see cref="ArtifactRepository.CommitOnBranch"/> under the repository's write scope (<see cref="ArtifactLocks"/>).
/// </summary>
public sealed class GitOpsRepositories(DataLayout layout, ArtifactLocks locks, TimeProvider clock, Audit.AuditTrail audit)
{
    public const string Kind = "gitops";

    public ArtifactLocks Locks => locks;

    public string PathOf(string name) => layout.Repository(Kind, ArtifactName.Require(name));

    public bool Exists(string name) => ArtifactName.IsValid(name) && Directory.Exists(PathOf(name));

    public async Task<GitOpsRepositoryInfo> CreateAsync(string name, string description, Actor actor, CancellationToken ct)
    {
        ArtifactName.Require(name);
        using var _ = await locks.AcquireAsync(Kind, name, ct);
        var path = PathOf(name);
        if (Directory.Exists(path)) throw new ProductException(ErrorCode.RepositoryExists, $"There is already a GitOps repository named '{name}'.");
        Directory.CreateDirectory(layout.KindRepos(Kind));
        var building = path + ".new-" + Guid.NewGuid().ToString("N");
        ArtifactRepository.Create(building, description, actor.Username, clock.GetUtcNow());
        Directory.Move(building, path);
        audit.Record("gitops_repository.created", new Audit.AuditTarget("gitops-repository", name), new { description });
        return Get(name);
    }

    public GitOpsRepositoryInfo Get(string name)
    {
        if (!Exists(name)) throw Unknown(name);
        var path = PathOf(name);
        using var repo = new LibGit2Sharp.Repository(path);
        var branches = repo.Branches.Where(b => !b.IsRemote && b.Tip is not null).ToDictionary(b => b.FriendlyName, b => b.Tip.Sha);
        using var artifact = ArtifactRepository.Open(path);
        return new GitOpsRepositoryInfo(name, artifact.Description, repo.Config.Get<string>("gitopshq.createdBy")?.Value ?? "",
            artifact.CreatedAt ?? Directory.GetCreationTimeUtc(path), branches);
    }

    public List<GitOpsRepositoryInfo> List()
    {
        var folder = layout.KindRepos(Kind);
        if (!Directory.Exists(folder)) return [];
        return Directory.GetDirectories(folder, "*.git").Select(d => Path.GetFileName(d)[..^4]).Where(ArtifactName.IsValid)
            .Order(StringComparer.Ordinal).Select(Get).ToList();
    }

    public async Task DeleteAsync(string name, CancellationToken ct)
    {
        if (!Exists(name)) throw Unknown(name);
        using var _ = await locks.AcquireAsync(Kind, name, ct);
        var trash = Path.Combine(layout.Trash, $"{Kind}-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(layout.Trash);
        Directory.Move(PathOf(name), trash);
        Directory.Delete(trash, recursive: true);
        audit.Record("gitops_repository.deleted", new Audit.AuditTarget("gitops-repository", name));
    }

    public ArtifactRepository Open(string name) => Exists(name) ? ArtifactRepository.Open(PathOf(name)) : throw Unknown(name);

    public static ProductException Unknown(string name) =>
        new(ErrorCode.RepositoryUnknown, $"There is no GitOps repository named '{name}'; create it with POST /api/v2/gitops-repositories.");
}
