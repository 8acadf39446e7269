using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Server.Workloads;

/// <summary>How the caller reached the server: the host and scheme written into Flux and Argo CD files, and the host a target URL is compared with.</summary>
public sealed record RequestOrigin(string Host, string Scheme);

public sealed record WorkloadInput(
    string Name, string Project, string Environment, string Kind, string Artifact, string Version, string Values, string ReleaseName,
    string Namespace, IReadOnlyList<OverlayText> Overlay, string Repository, string Branch, string Path, string Format, string Layout, string Message);

public sealed record WorkloadChange(
    string? Name, string? Project, string? Environment, string? Values, string? ReleaseName, string? Namespace, IReadOnlyList<OverlayText>? Overlay,
    string? Format, string? Layout, string Message);

public sealed record UpgradeOptions(string TargetVersion, bool DryRun, bool AllowMajor, bool AllowDowngrade, string Message);

public sealed record UpgradeOutcome(
    string WorkloadId, string From, string To, string Commit, IReadOnlyList<ObjectDelta> Diff, IReadOnlyList<VersionInfo> ReleaseNotes,
    ValuesReport Values, bool DryRun, IReadOnlyList<string> Files, bool Unchanged);

public sealed record BulkItem(string WorkloadId, string WorkloadName, string Status, string From, string To, string Commit, string Error, int ChangedObjects);

/// <summary>A workload as shown: the record, and the newest version of its artifact.</summary>
public sealed record WorkloadView(WorkloadRecord Record, string LatestVersion, bool UpgradeAvailable);

/// <summary>
/// Workloads: creating one writes its first commit, changing what it deploys writes one commit, an upgrade renders the
/// current and the target version and (unless a dry run) commits the target's desired state. Every write to a target is
/// preceded by the check that nobody changed the workload's folder since its last commit (<see cref="ErrorCode.TargetChanged"/>),
/// and every change is recorded with who, when, from, to and the commit. Writes of one workload are serialised (its write
/// scope in <see cref="ArtifactLocks"/>), so of two concurrent upgrades to one version exactly one commits.
/// </summary>
public sealed class WorkloadService(
    WorkloadStore store, DesiredState state, GitTargets targets, ArtifactKinds kinds, ArtifactRepositories repositories, ArtifactLocks locks,
    TimeProvider clock)
{
    private const string LockKind = "workloads";

    public async Task<WorkloadView> CreateAsync(WorkloadInput input, Actor actor, RequestOrigin origin, CancellationToken ct)
    {
        var name = RequireLabel(input.Name, "name");
        var project = RequireLabel(input.Project, "project");
        var environment = string.IsNullOrWhiteSpace(input.Environment) ? "" : RequireLabel(input.Environment, "environment");
        var kind = kinds.Get(input.Kind);
        var artifact = ArtifactName.Require(input.Artifact);
        using (repositories.Open(kind, artifact))
        {
        }
        var version = string.IsNullOrWhiteSpace(input.Version) ? Latest(kind, artifact) ?? throw NoVersions(kind, artifact) : input.Version.Trim();
        RequireVersion(kind, artifact, version);
        var format = DesiredState.RequireFormat(input.Format);
        var layout = DesiredState.RequireLayout(input.Layout);
        var overlay = RequireOverlay(kind, input.Overlay);
        RequireValues(kind, input.Values, input.ReleaseName, input.Namespace);
        DesiredState.RequireExpressible(kind.Kind, format, overlay);
        var target = targets.Resolve(input.Repository, input.Branch, input.Path, origin.Host);
        if (store.List(project: project).Any(w => w.Name == name))
            throw new ProductException(ErrorCode.WorkloadExists, $"Project '{project}' already has a workload named '{name}'.");
        RequireOwnFolder(target, null);

        var now = clock.GetUtcNow();
        var workload = new WorkloadRecord(WorkloadStore.NewId(), name, project, environment, kind.Kind, artifact, version, input.Values ?? "",
            (input.ReleaseName ?? "").Trim(), (input.Namespace ?? "").Trim(), overlay, target, format, layout, "", new Dictionary<string, string>(),
            actor.Username, now, now);
        var values = await state.CheckValuesAsync(workload, version, null, ct);
        RequireValid(workload, version, values);
        var manifests = await state.RenderAsync(workload, version, origin.Host, null, ct);
        var files = state.Files(workload, version, manifests, origin.Host, origin.Scheme);

        await using var git = await targets.OpenAsync(target, ct);
        var present = git.FilesUnder(target.Path);
        if (present.Count > 0)
            throw new ProductException(ErrorCode.TargetChanged,
                $"{target.Path} in {Where(target)} already holds {present.Count} file(s) the server did not write; choose an empty folder (a workload owns its folder).",
                present.Keys.Take(20).ToList());
        var message = Message(input.Message, $"Deploy {name}: {kind.Kind}/{artifact} {version}");
        var (commit, written) = await git.CommitAsync(target.Path, files, actor.Signature(now), message, ct);
        workload = workload with { Commit = commit, Files = written };
        store.Insert(workload, new WorkloadEventRecord(now, actor.Username, "created", "", version, commit, message));
        return View(workload);
    }

    public WorkloadView Get(string id) => View(store.Get(id));

    public List<WorkloadView> List(string? artifact, string? version, string? project, string? environment)
    {
        string? kind = null, name = null;
        if (!string.IsNullOrWhiteSpace(artifact))
        {
            var slash = artifact.IndexOf('/');
            if (slash <= 0) throw new ProductException(ErrorCode.RequestInvalid, $"artifact '{artifact}' is not KIND/NAME, e.g. charts/web.");
            kind = kinds.Get(artifact[..slash]).Kind;
            name = artifact[(slash + 1)..];
        }
        else if (!string.IsNullOrWhiteSpace(version))
        {
            throw new ProductException(ErrorCode.RequestInvalid, "version filters the workloads of one artifact: give artifact too.");
        }
        var latest = new Dictionary<string, string?>(StringComparer.Ordinal);
        return store.List(kind, name, version, project, environment).Select(w => View(w, latest)).ToList();
    }

    public List<WorkloadEventRecord> History(string id)
    {
        var history = store.History(id);
        if (history.Count == 0 && store.Find(id) is null) throw new ProductException(ErrorCode.WorkloadUnknown, $"There is no workload '{id}'.");
        return history;
    }

    public async Task<WorkloadView> UpdateAsync(string id, WorkloadChange change, Actor actor, RequestOrigin origin, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync(LockKind, RequireId(id), ct);
        var current = store.Get(id);
        var kind = kinds.Get(current.Kind);
        var next = current with
        {
            Name = change.Name is null ? current.Name : RequireLabel(change.Name, "name"),
            Project = change.Project is null ? current.Project : RequireLabel(change.Project, "project"),
            Environment = change.Environment is null ? current.Environment : change.Environment.Trim() == "" ? "" : RequireLabel(change.Environment, "environment"),
            Values = change.Values ?? current.Values,
            ReleaseName = change.ReleaseName?.Trim() ?? current.ReleaseName,
            Namespace = change.Namespace?.Trim() ?? current.Namespace,
            Overlay = change.Overlay is null ? current.Overlay : RequireOverlay(kind, change.Overlay),
            Format = change.Format is null ? current.Format : DesiredState.RequireFormat(change.Format),
            Layout = change.Layout is null ? current.Layout : DesiredState.RequireLayout(change.Layout),
        };
        RequireValues(kind, next.Values, next.ReleaseName, next.Namespace);
        DesiredState.RequireExpressible(kind.Kind, next.Format, next.Overlay);
        var now = clock.GetUtcNow();
        var deployed = next.Values != current.Values || next.ReleaseName != current.ReleaseName || next.Namespace != current.Namespace ||
                       next.Format != current.Format || next.Layout != current.Layout || !next.Overlay.SequenceEqual(current.Overlay) ||
                       (next.Format != DesiredState.Manifests && next.Name != current.Name);
        var message = Message(change.Message, $"Update {next.Name}: {kind.Kind}/{next.Artifact} {next.Version}");
        if (!deployed)
        {
            next = next with { UpdatedAt = now };
            store.Update(next, new WorkloadEventRecord(now, actor.Username, "updated", current.Version, current.Version, "", message));
            return View(next);
        }
        var values = await state.CheckValuesAsync(next, next.Version, null, ct);
        RequireValid(next, next.Version, values);
        var manifests = await state.RenderAsync(next, next.Version, origin.Host, null, ct);
        var files = state.Files(next, next.Version, manifests, origin.Host, origin.Scheme);
        var (commit, written) = await WriteAsync(current, files, actor, now, message, ct);
        next = next with { Commit = commit.Length > 0 ? commit : current.Commit, Files = written, UpdatedAt = now };
        store.Update(next, new WorkloadEventRecord(now, actor.Username, "updated", current.Version, current.Version, commit, message));
        return View(next);
    }

    public async Task<string> DeleteAsync(string id, bool removeFiles, Actor actor, CancellationToken ct)
    {
        using var scope = await locks.AcquireAsync(LockKind, RequireId(id), ct);
        var current = store.Get(id);
        var now = clock.GetUtcNow();
        var message = $"Remove {current.Name}: {current.Kind}/{current.Artifact} {current.Version}";
        var commit = "";
        if (removeFiles) (commit, _) = await WriteAsync(current, new Dictionary<string, byte[]>(), actor, now, message, ct);
        store.Delete(id, new WorkloadEventRecord(now, actor.Username, "deleted", current.Version, "", commit, removeFiles ? message : "Workload forgotten; files kept"));
        return commit;
    }

    public async Task<UpgradeOutcome> UpgradeAsync(string id, UpgradeOptions options, Actor actor, RequestOrigin origin, RenderMemo? memo,
        CancellationToken ct)
    {
        if (options.DryRun) return await PlanAsync(store.Get(id), options, origin, memo, ct);
        using var _ = await locks.AcquireAsync(LockKind, RequireId(id), ct);
        // Read under the workload's scope: an upgrade that landed meanwhile is seen, and upgrading to it again changes nothing.
        var current = store.Get(id);
        var plan = await PlanAsync(current, options, origin, memo, ct);
        if (plan.Unchanged) return plan with { DryRun = false };
        var now = clock.GetUtcNow();
        var next = current with { Version = plan.To, UpdatedAt = now };
        var manifests = await state.RenderAsync(next, plan.To, origin.Host, memo, ct);
        var files = state.Files(next, plan.To, manifests, origin.Host, origin.Scheme);
        var message = Message(options.Message, $"Upgrade {current.Name}: {current.Kind}/{current.Artifact} {plan.From} → {plan.To}", prefix: true);
        var (commit, written) = await WriteAsync(current, files, actor, now, message, ct);
        next = next with { Commit = commit.Length > 0 ? commit : current.Commit, Files = written };
        store.Update(next, new WorkloadEventRecord(now, actor.Username, "upgraded", plan.From, plan.To, commit, message));
        return plan with { Commit = commit, DryRun = false };
    }

    /// <summary>Everything an upgrade shows, without writing: the refusals, both renders, the diff, release notes and values check.</summary>
    private async Task<UpgradeOutcome> PlanAsync(WorkloadRecord w, UpgradeOptions options, RequestOrigin origin, RenderMemo? memo, CancellationToken ct)
    {
        var kind = kinds.Get(w.Kind);
        var to = string.IsNullOrWhiteSpace(options.TargetVersion) ? Latest(kind, w.Artifact) ?? throw NoVersions(kind, w.Artifact) : options.TargetVersion.Trim();
        var versions = Versions(kind, w.Artifact);
        if (versions.All(v => v.Version != to))
            throw new ProductException(ErrorCode.VersionUnknown,
                $"{kind.Kind}/{w.Artifact} has no version '{to}'; its versions are {string.Join(", ", versions.Take(20).Select(v => v.Version))}.");
        if (to == w.Version)
            return new UpgradeOutcome(w.Id, w.Version, to, "", [], [], new ValuesReport(false, [], []), options.DryRun, [], Unchanged: true);
        var from = SemanticVersion.TryParse(w.Version);
        var target = SemanticVersion.TryParse(to);
        if (from is not null && target is not null)
        {
            if (target.CompareTo(from) < 0 && !options.AllowDowngrade)
                throw new ProductException(ErrorCode.UpgradeRefused,
                    $"{to} is lower than {w.Version}, the version {w.Name} runs: a downgrade needs allowDowngrade.");
            if (target.CompareTo(from) > 0 && target.Major != from.Major && !options.AllowMajor)
                throw new ProductException(ErrorCode.UpgradeRefused,
                    $"{w.Version} → {to} is a major-version jump ({from.Major} → {target.Major}), which may break {w.Name}: read the release notes and ask again with allowMajor.");
        }
        var values = await state.CheckValuesAsync(w, to, memo, ct);
        RequireValid(w, to, values);
        var next = w with { Version = to };
        var renderTo = state.RenderAsync(next, to, origin.Host, memo, ct);
        string before;
        try
        {
            before = await state.RenderAsync(w, w.Version, origin.Host, memo, ct);
        }
        catch (ProductException)
        {
            // The running version no longer renders here (e.g. a base it named is gone): everything shows as added.
            before = "";
        }
        var after = await renderTo;
        var diff = RenderedObjects.Compare(before, after);
        var notes = ReleaseNotes(versions, w.Version, to);
        var files = state.Files(next, to, after, origin.Host, origin.Scheme).Keys.ToList();
        return new UpgradeOutcome(w.Id, w.Version, to, "", diff, notes, values, options.DryRun, files, Unchanged: false);
    }

    /// <summary>Upgrades every workload of an artifact: all are planned first; unless a dry run, those that can be upgraded are, one commit each.</summary>
    public async Task<(string To, List<BulkItem> Items)> BulkUpgradeAsync(string kindName, string artifact, UpgradeOptions options, bool skipFailing,
        Actor actor, RequestOrigin origin, CancellationToken ct)
    {
        var kind = kinds.Get(kindName);
        ArtifactName.Require(artifact);
        using (repositories.Open(kind, artifact))
        {
        }
        var to = string.IsNullOrWhiteSpace(options.TargetVersion) ? Latest(kind, artifact) ?? throw NoVersions(kind, artifact) : options.TargetVersion.Trim();
        var dry = options with { TargetVersion = to, DryRun = true };
        var workloads = store.List(kind.Kind, artifact);
        var memo = new RenderMemo();
        var planned = new BulkItem[workloads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, workloads.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = ct },
            async (i, token) =>
            {
                var w = workloads[i];
                try
                {
                    var plan = await PlanAsync(w, dry, origin, memo, token);
                    planned[i] = new BulkItem(w.Id, w.Name, plan.Unchanged ? "unchanged" : "would-upgrade", plan.From, plan.To, "", "", plan.Diff.Count);
                }
                catch (ProductException e)
                {
                    planned[i] = new BulkItem(w.Id, w.Name, "failed", w.Version, to, "", Describe(e), 0);
                }
            });
        if (options.DryRun) return (to, planned.ToList());
        var failed = planned.Count(p => p.Status == "failed");
        if (failed > 0 && !skipFailing)
            return (to, planned.Select(p => p.Status == "failed" ? p : p with
            {
                Status = "skipped", Error = $"nothing was committed: {failed} workload(s) cannot be upgraded (see their errors); fix them or ask with skipFailing.",
            }).ToList());
        var results = new List<BulkItem>();
        foreach (var item in planned)
        {
            if (item.Status != "would-upgrade")
            {
                results.Add(item);
                continue;
            }
            try
            {
                var done = await UpgradeAsync(item.WorkloadId, options with { TargetVersion = to, DryRun = false }, actor, origin, memo, ct);
                results.Add(item with { Status = done.Unchanged ? "unchanged" : "upgraded", From = done.From, Commit = done.Commit });
            }
            catch (ProductException e)
            {
                results.Add(item with { Status = "failed", Error = Describe(e) });
            }
        }
        return (to, results);
    }

    /// <summary>
    /// Writes the workload's folder in one commit, after checking that the folder holds exactly what the workload last
    /// wrote; anything else there is someone else's change and is not overwritten.
    /// </summary>
    private async Task<(string Commit, IReadOnlyDictionary<string, string> Files)> WriteAsync(WorkloadRecord w, IReadOnlyDictionary<string, byte[]> files,
        Actor actor, DateTimeOffset now, string message, CancellationToken ct)
    {
        await using var git = await targets.OpenAsync(w.Target, ct);
        var present = git.FilesUnder(w.Target.Path);
        var changes = Changes(w.Files, present);
        if (changes.Count > 0)
            throw new ProductException(ErrorCode.TargetChanged,
                $"{w.Target.Path} in {Where(w.Target)} was changed by someone else since {w.Name}'s last commit {Short(w.Commit)} " +
                $"(last change: {git.DescribeLastChange(w.Target.Path)}); nothing was written. Restore the folder or fold the change into the workload, then try again.",
                changes);
        if (present.Count == files.Count && files.All(f => present.TryGetValue(f.Key, out var blob) && blob == GitBlobId(f.Value)))
            return ("", present);
        return await git.CommitAsync(w.Target.Path, files, actor.Signature(now), message, ct);
    }

    private static List<string> Changes(IReadOnlyDictionary<string, string> expected, IReadOnlyDictionary<string, string> present)
    {
        var changes = new List<string>();
        foreach (var (path, blob) in present)
        {
            if (!expected.TryGetValue(path, out var was)) changes.Add($"added {path}");
            else if (was != blob) changes.Add($"modified {path}");
        }
        changes.AddRange(expected.Keys.Where(p => !present.ContainsKey(p)).Select(p => $"deleted {p}"));
        changes.Sort(StringComparer.Ordinal);
        return changes;
    }

    private static string GitBlobId(byte[] content)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"blob {content.Length}\0");
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData([.. header, .. content]));
    }

    private void RequireOwnFolder(TargetLocation target, string? except)
    {
        foreach (var other in store.List())
        {
            if (other.Id == except || other.Target.Branch != target.Branch) continue;
            var same = target.Local.Length > 0 ? other.Target.Local == target.Local : other.Target.Repository.TrimEnd('/') == target.Repository.TrimEnd('/');
            if (!same) continue;
            var a = other.Target.Path + "/";
            var b = target.Path + "/";
            if (a.StartsWith(b, StringComparison.Ordinal) || b.StartsWith(a, StringComparison.Ordinal))
                throw new ProductException(ErrorCode.WorkloadExists,
                    $"Workload {other.Name} ({other.Id}) already owns {other.Target.Path} in {Where(target)}; two workloads cannot share a folder.");
        }
    }

    private static IReadOnlyList<VersionInfo> ReleaseNotes(List<VersionInfo> versions, string from, string to)
    {
        var a = SemanticVersion.TryParse(from);
        var b = SemanticVersion.TryParse(to);
        if (a is null || b is null) return versions.Where(v => v.Version == to).ToList();
        var (low, high) = a.CompareTo(b) <= 0 ? (a, b) : (b, a);
        var notes = versions.Where(v => SemanticVersion.TryParse(v.Version) is { } x && x.CompareTo(low) > 0 && x.CompareTo(high) <= 0).ToList();
        notes.Sort(VersionInfo.HighestFirst);
        return notes;
    }

    private WorkloadView View(WorkloadRecord w) => View(w, new Dictionary<string, string?>(StringComparer.Ordinal));

    private WorkloadView View(WorkloadRecord w, Dictionary<string, string?> latest)
    {
        var key = w.Kind + "/" + w.Artifact;
        if (!latest.TryGetValue(key, out var newest))
        {
            try
            {
                newest = Latest(kinds.Get(w.Kind), w.Artifact);
            }
            catch (ProductException)
            {
                newest = null;
            }
            latest[key] = newest;
        }
        var available = newest is not null && newest != w.Version &&
                        (SemanticVersion.TryParse(newest) is not { } n || SemanticVersion.TryParse(w.Version) is not { } c || n.CompareTo(c) > 0);
        return new WorkloadView(w, newest ?? "", available);
    }

    private List<VersionInfo> Versions(ArtifactKind kind, string artifact)
    {
        using var repo = repositories.Open(kind, artifact);
        return ArtifactRepositories.Versions(repo);
    }

    /// <summary>The highest published version (SemVer precedence; versions that are not SemVer rank last).</summary>
    private string? Latest(ArtifactKind kind, string artifact)
    {
        var versions = Versions(kind, artifact);
        versions.Sort(VersionInfo.HighestFirst);
        return versions.FirstOrDefault()?.Version;
    }

    private void RequireVersion(ArtifactKind kind, string artifact, string version)
    {
        var versions = Versions(kind, artifact);
        if (versions.All(v => v.Version != version))
            throw new ProductException(ErrorCode.VersionUnknown,
                $"{kind.Kind}/{artifact} has no version '{version}'" + (versions.Count == 0 ? "; it has no published versions yet." : $"; its versions are {string.Join(", ", versions.Take(20).Select(v => v.Version))}."));
    }

    private static ProductException NoVersions(ArtifactKind kind, string artifact) =>
        new(ErrorCode.VersionUnknown, $"{kind.Kind}/{artifact} has no published versions: a workload runs a published version.");

    private static void RequireValid(WorkloadRecord w, string version, ValuesReport values)
    {
        if (!values.Valid)
            throw new ProductException(ErrorCode.ValidationFailed,
                $"The values of {w.Name} do not meet the values schema of {w.Kind}/{w.Artifact} {version}.", values.Violations);
    }

    private static void RequireValues(ArtifactKind kind, string? values, string? releaseName, string? ns)
    {
        if (DesiredState.IsChart(kind.Kind))
        {
            DesiredState.RequireValuesMap(values ?? "");
            if (!string.IsNullOrWhiteSpace(releaseName) && !ArtifactName.IsValid(releaseName.Trim()))
                throw new ProductException(ErrorCode.NameInvalid, $"releaseName '{releaseName}' is not a valid release name (a lowercase DNS-1123 label).");
            if (!string.IsNullOrWhiteSpace(ns) && !ArtifactName.IsValid(ns.Trim()))
                throw new ProductException(ErrorCode.NameInvalid, $"namespace '{ns}' is not a valid namespace (a lowercase DNS-1123 label).");
            return;
        }
        if (!string.IsNullOrWhiteSpace(values))
            throw new ProductException(ErrorCode.RequestInvalid, $"values are for charts; a {kind.DisplayName} takes overlay files.");
    }

    private static IReadOnlyList<OverlayText> RequireOverlay(ArtifactKind kind, IReadOnlyList<OverlayText>? overlay)
    {
        if (overlay is null || overlay.Count == 0) return [];
        if (kind.Kind != "kustomize-bases")
            throw new ProductException(ErrorCode.RequestInvalid, $"overlay files are applied on top of a Kustomize base, not a {kind.DisplayName}.");
        var list = overlay.Select(f => new OverlayText(ArtifactPath.Normalise(f.Path), f.Text ?? "")).ToList();
        if (list.Any(f => f.Path == "base" || f.Path.StartsWith("base/", StringComparison.Ordinal)))
            throw new ProductException(ErrorCode.PathInvalid, "overlay files cannot be under base/: that is where the base's files are placed.");
        if (list.All(f => f.Path != "kustomization.yaml"))
            throw new ProductException(ErrorCode.RequestInvalid, "the overlay needs a kustomization.yaml (listing the base as `resources: [base]`).");
        return list;
    }

    private static string RequireLabel(string? value, string field) =>
        ArtifactName.IsValid(value?.Trim())
            ? value!.Trim()
            : throw new ProductException(ErrorCode.NameInvalid, $"{field} '{value}' is not valid: a lowercase DNS-1123 label (a-z, 0-9 and '-', at most 63).");

    private static string RequireId(string id) =>
        id.Length is > 3 and < 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? id
            : throw new ProductException(ErrorCode.WorkloadUnknown, $"There is no workload '{id}'.");

    private static string Message(string? given, string summary, bool prefix = false) =>
        string.IsNullOrWhiteSpace(given) ? summary : prefix ? $"{summary}\n\n{given.Trim()}" : given.Trim();

    private static string Where(TargetLocation target) =>
        $"{(target.Local.Length > 0 ? $"gitops/{target.Local}" : OutboundDisplay(target.Repository))}@{target.Branch}";

    private static string OutboundDisplay(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : url;

    private static string Short(string commit) => commit.Length > 12 ? commit[..12] : commit;

    private static string Describe(ProductException e) =>
        e.Details.Count == 0 ? $"{e.Error.Code}: {e.Message}" : $"{e.Error.Code}: {e.Message} " + string.Join("; ", e.Details);
}
