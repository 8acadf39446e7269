using GitOpsHQ.Contracts.Workloads.V1;
using GitOpsHQ.Server.Api;
using GitOpsHQ.Server.Auth;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static GitOpsHQ.Contracts.Workloads.V1.Workloads;

namespace GitOpsHQ.Server.Workloads;

/// <summary>Workloads, upgrades and GitOps repositories over gRPC, gRPC-Web and REST (viewers read, editors write).</summary>
[Authorize(Policy = Policies.WorkloadViewer)]
public sealed class WorkloadsGrpcService(WorkloadService workloads, GitOpsRepositories gitops) : WorkloadsBase
{
    [Authorize(Policy = Policies.WorkloadEditor)]
    public override async Task<GitOpsRepository> CreateGitOpsRepository(CreateGitOpsRepositoryRequest request, ServerCallContext context)
    {
        var created = await gitops.CreateAsync(request.Name, request.Description, context.GetHttpContext().User.Actor(), context.CancellationToken);
        RestResponse.Created(context);
        return ToProto(created, context);
    }

    public override Task<ListGitOpsRepositoriesResponse> ListGitOpsRepositories(ListGitOpsRepositoriesRequest request, ServerCallContext context) =>
        Task.FromResult(new ListGitOpsRepositoriesResponse { Repositories = { gitops.List().Select(r => ToProto(r, context)) } });

    public override Task<GitOpsRepository> GetGitOpsRepository(GitOpsRepositoryRef request, ServerCallContext context) =>
        Task.FromResult(ToProto(gitops.Get(request.Name), context));

    [Authorize(Policy = Policies.WorkloadEditor)]
    public override async Task<DeleteGitOpsRepositoryResponse> DeleteGitOpsRepository(GitOpsRepositoryRef request, ServerCallContext context)
    {
        var users = workloads.List(null, null, null, null).Where(w => w.Record.Target.Local == request.Name).ToList();
        if (users.Count > 0)
            throw new Errors.ProductException(Errors.ErrorCode.RequestInvalid,
                $"GitOps repository '{request.Name}' is the target of {users.Count} workload(s) ({string.Join(", ", users.Take(5).Select(u => u.Record.Name))}); delete them first.");
        await gitops.DeleteAsync(request.Name, context.CancellationToken);
        return new DeleteGitOpsRepositoryResponse();
    }

    [Authorize(Policy = Policies.WorkloadEditor)]
    public override async Task<Workload> CreateWorkload(CreateWorkloadRequest request, ServerCallContext context)
    {
        var input = new WorkloadInput(request.Name, request.Project, request.Environment, request.Artifact?.Kind ?? "", request.Artifact?.Name ?? "",
            request.Version, request.Values, request.ReleaseName, request.Namespace, request.OverlayFiles.Select(f => new OverlayText(f.Path, f.Text)).ToList(),
            request.Target?.Repository ?? "", request.Target?.Branch ?? "", request.Target?.Path ?? "", request.Format, request.Layout, request.Message);
        var created = await workloads.CreateAsync(input, Caller(context), Origin(context), context.CancellationToken);
        RestResponse.Created(context);
        return ToProto(created);
    }

    public override Task<ListWorkloadsResponse> ListWorkloads(ListWorkloadsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListWorkloadsResponse
        {
            Workloads = { workloads.List(request.Artifact, request.Version, request.Project, request.Environment).Select(ToProto) },
        });

    public override Task<ListWorkloadsResponse> ListVersionWorkloads(VersionWorkloadsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListWorkloadsResponse
        {
            Workloads = { workloads.List($"{request.Collection}/{request.Name}", request.Version, null, null).Select(ToProto) },
        });

    public override Task<Workload> GetWorkload(WorkloadRef request, ServerCallContext context) => Task.FromResult(ToProto(workloads.Get(request.Id)));

    [Authorize(Policy = Policies.WorkloadEditor)]
    public override async Task<Workload> UpdateWorkload(UpdateWorkloadRequest request, ServerCallContext context)
    {
        var change = new WorkloadChange(
            request.HasName ? request.Name : null, request.HasProject ? request.Project : null, request.HasEnvironment ? request.Environment : null,
            request.HasValues ? request.Values : null, request.HasReleaseName ? request.ReleaseName : null, request.HasNamespace ? request.Namespace : null,
            request.SetOverlayFiles || request.OverlayFiles.Count > 0 ? request.OverlayFiles.Select(f => new OverlayText(f.Path, f.Text)).ToList() : null,
            request.HasFormat ? request.Format : null, request.HasLayout ? request.Layout : null, request.Message);
        return ToProto(await workloads.UpdateAsync(request.Id, change, Caller(context), Origin(context), context.CancellationToken));
    }

    [Authorize(Policy = Policies.WorkloadEditor)]
    public override async Task<DeleteWorkloadResponse> DeleteWorkload(DeleteWorkloadRequest request, ServerCallContext context) =>
        new() { Commit = await workloads.DeleteAsync(request.Id, request.RemoveFiles, Caller(context), context.CancellationToken) };

    /// <summary>A dry run only reads, so viewers may ask for one; committing needs an editor.</summary>
    public override async Task<UpgradeResult> UpgradeWorkload(UpgradeWorkloadRequest request, ServerCallContext context)
    {
        if (!request.DryRun) RequireEditor(context);
        var outcome = await workloads.UpgradeAsync(request.Id,
            new UpgradeOptions(request.TargetVersion, request.DryRun, request.AllowMajor, request.AllowDowngrade, request.Message), Caller(context),
            Origin(context), null, context.CancellationToken);
        return ToProto(outcome);
    }

    public override async Task<BulkUpgradeResponse> BulkUpgradeWorkloads(BulkUpgradeRequest request, ServerCallContext context)
    {
        if (!request.DryRun) RequireEditor(context);
        var (to, items) = await workloads.BulkUpgradeAsync(request.Artifact?.Kind ?? "", request.Artifact?.Name ?? "",
            new UpgradeOptions(request.TargetVersion, request.DryRun, request.AllowMajor, request.AllowDowngrade, request.Message), request.SkipFailing,
            Caller(context), Origin(context), context.CancellationToken);
        return new BulkUpgradeResponse
        {
            ToVersion = to, DryRun = request.DryRun,
            Results =
            {
                items.Select(i => new BulkUpgradeItem
                {
                    WorkloadId = i.WorkloadId, WorkloadName = i.WorkloadName, Status = i.Status, FromVersion = i.From, ToVersion = i.To, Commit = i.Commit,
                    Error = i.Error, ChangedObjects = i.ChangedObjects,
                })
            },
        };
    }

    public override Task<WorkloadHistory> ListWorkloadHistory(WorkloadRef request, ServerCallContext context) =>
        Task.FromResult(new WorkloadHistory
        {
            Events =
            {
                workloads.History(request.Id).Select(e => new WorkloadEvent
                {
                    At = Timestamp.FromDateTimeOffset(e.At), Username = e.Username, Action = e.Action, FromVersion = e.FromVersion, ToVersion = e.ToVersion,
                    Commit = e.Commit, Message = e.Message,
                })
            },
        });

    private static void RequireEditor(ServerCallContext context)
    {
        var decision = Access.Decide(context.GetHttpContext().User, Operation.Write, Resource.Workloads);
        if (!decision.Allowed) throw new Errors.ProductException(Errors.ErrorCode.Denied, decision.Reason + "; a dry run (dryRun: true) only needs the viewer role.");
    }

    private static Catalog.Actor Caller(ServerCallContext context) => context.GetHttpContext().User.Actor();

    private static RequestOrigin Origin(ServerCallContext context)
    {
        var request = context.GetHttpContext().Request;
        return new RequestOrigin(request.Host.Value ?? "", request.Scheme);
    }

    private static GitOpsRepository ToProto(GitOpsRepositoryInfo r, ServerCallContext context)
    {
        var request = context.GetHttpContext().Request;
        return new GitOpsRepository
        {
            Name = r.Name, Url = $"{request.Scheme}://{request.Host.Value}/git/{GitOpsRepositories.Kind}/{r.Name}.git", Description = r.Description,
            CreatedBy = r.CreatedBy, CreatedAt = Timestamp.FromDateTimeOffset(r.CreatedAt), Branches = { r.Branches.ToDictionary() },
        };
    }

    private static Workload ToProto(WorkloadView view)
    {
        var w = view.Record;
        return new Workload
        {
            Id = w.Id, Name = w.Name, Project = w.Project, Environment = w.Environment, Artifact = new ArtifactName { Kind = w.Kind, Name = w.Artifact },
            Version = w.Version, Values = w.Values, ReleaseName = w.ReleaseName, Namespace = w.Namespace,
            OverlayFiles = { w.Overlay.Select(f => new OverlayFile { Path = f.Path, Text = f.Text }) },
            Target = new Target { Repository = w.Target.Repository, Branch = w.Target.Branch, Path = w.Target.Path }, Format = w.Format, Layout = w.Layout,
            Commit = w.Commit, LatestVersion = view.LatestVersion, UpgradeAvailable = view.UpgradeAvailable, CreatedBy = w.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(w.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(w.UpdatedAt),
        };
    }

    private static UpgradeResult ToProto(UpgradeOutcome o) => new()
    {
        WorkloadId = o.WorkloadId, FromVersion = o.From, ToVersion = o.To, Commit = o.Commit, DryRun = o.DryRun, Unchanged = o.Unchanged,
        Files = { o.Files },
        Diff =
        {
            o.Diff.Select(d => new ObjectChange
            {
                Object = d.Object.Key, ApiVersion = d.Object.ApiVersion, Kind = d.Object.Kind, Namespace = d.Object.Namespace, Name = d.Object.Name,
                Change = d.Change, Patch = d.Patch,
            })
        },
        ReleaseNotes =
        {
            o.ReleaseNotes.Select(n => new ReleaseNote
            {
                Version = n.Version, Notes = n.Notes, PublishedAt = Timestamp.FromDateTimeOffset(n.PublishedAt),
                Publisher = n.PublisherUsername.Length > 0 ? n.PublisherUsername : n.PublisherName,
            })
        },
        ValuesCheck = new ValuesCheck { Applicable = o.Values.Applicable, Valid = o.Values.Valid, Violations = { o.Values.Violations }, UnreadKeys = { o.Values.UnreadKeys } },
    };
}
