using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.GitHttp;

/// <summary>
/// The catalog's rules applied to a `git push`, before any ref moves: main moves forward only and holds a valid
/// artifact within the size limits; a new annotated tag publishes a version if the version rules and the type
/// plugin's validation pass; existing tags never move or disappear; lightweight tags and other refs are refused.
/// </summary>
public sealed class PushPolicy(ArtifactRepositories repositories, FileLimits limits, IOptions<GitHttpOptions> options)
{
    private const string Branches = "refs/heads/";
    private const string Tags = "refs/tags/";

    /// <summary>Returns the refusals (empty when the push may land) and records the versions it publishes in the session.</summary>
    public async Task<List<string>> CheckAsync(ReceiveSession session, IReadOnlyList<RefUpdate> updates, PushedObjects objects, CancellationToken ct)
    {
        var refusals = new List<string>();
        using var repo = repositories.Open(session.Kind, session.Name);
        try
        {
            ReadOnlyArtifacts.RequireEditable(repo, session.Name, "pushed to");
        }
        catch (ProductException e)
        {
            return [e.Message];
        }
        var mainAfterPush = updates.FirstOrDefault(u => u.Ref == ArtifactRepository.MainBranch && !u.Deletes)?.New ?? repo.Head?.Sha;
        foreach (var update in updates)
        {
            try
            {
                if (update.Ref == ArtifactRepository.MainBranch) CheckMain(update, objects);
                else if (update.Ref.StartsWith(Tags, StringComparison.Ordinal))
                    await CheckTagAsync(session, repo, update, mainAfterPush, objects, ct);
                else if (!update.Ref.StartsWith(Branches, StringComparison.Ordinal))
                    throw Refuse($"{update.Ref}: only branches and version tags can be pushed.");
            }
            catch (ProductException e)
            {
                refusals.Add(e.Message);
                refusals.AddRange(e.Details.Select(d => "  " + d));
            }
        }
        return refusals;
    }

    private void CheckMain(RefUpdate update, PushedObjects objects)
    {
        if (update.Deletes) throw Refuse("main cannot be deleted: it is the artifact's working copy.");
        if (!update.Creates && !options.Value.AllowNonFastForwardMain && !objects.IsAncestor(update.Old, update.New))
            throw Refuse("main only moves forward: pull, rebase or merge, and push again (non-fast-forward pushes to main are not allowed).");
        var files = objects.Tree(update.New);
        foreach (var file in files)
        {
            if (Contracts.ArtifactPaths.Normalise(file.Path) is not { Path: { } normalised } || normalised != file.Path)
                throw Refuse($"'{file.Path}' is not a valid file path.");
            if (file.Mode == "120000") throw Refuse($"'{file.Path}' is a symbolic link; artifacts hold only regular files.");
            if (file.Mode == "160000") throw Refuse($"'{file.Path}' is a submodule; artifacts hold only regular files.");
            limits.CheckFile(file.Path, file.Size);
        }
        foreach (var module in files.Where(f => f.Path.EndsWith(".gitmodules", StringComparison.OrdinalIgnoreCase)))
            GitContentRules.Check(module.Path, objects.Read([module])[0].Content.Span);
        limits.CheckArtifact(files.Sum(f => f.Size), files.Count);
    }

    private async Task CheckTagAsync(ReceiveSession session, ArtifactRepository repo, RefUpdate update, string? mainAfterPush,
        PushedObjects objects, CancellationToken ct)
    {
        var version = update.Ref[Tags.Length..];
        if (!update.Creates)
            throw Refuse($"{version}: versions are immutable; a published version tag cannot be {(update.Deletes ? "deleted" : "moved")}.");
        if (objects.TypeOf(update.New) != "tag")
            throw Refuse($"{version}: lightweight tags are not versions; publish with an annotated tag (git tag -a {version} -m \"release notes\").");
        var before = VersionRules.RequireNew(repositories, repo, session.Kind, session.Name, version);
        // The index as it stood before this push's tags, carried forward once they land.
        session.VersionsBefore ??= before;
        if (session.AcceptedVersions.Keys.Any(v => VersionTag.ToOciTag(v) == VersionTag.ToOciTag(version)))
            throw Refuse($"{version}: this push already publishes a version served under the same registry tag.");

        var tag = objects.ReadTag(update.New);
        if (tag.TargetType != "commit") throw Refuse($"{version}: a version tag must point at a commit.");
        if (mainAfterPush is null || !objects.IsAncestor(tag.Target, mainAfterPush))
            throw Refuse($"{version}: the tagged commit is not on main; push it to main first (only commits of main are published).");

        var files = objects.Tree(tag.Target).Where(f => f.Mode != "160000").ToList();
        limits.CheckArtifact(files.Sum(f => f.Size), files.Count);
        await VersionRules.RequireValidAsync(session.Kind, session.Name, version, objects.Read(files), ct);
        session.AcceptedVersions[version] = update.New;
    }

    private static ProductException Refuse(string message) => new(ErrorCode.Denied, message);
}
