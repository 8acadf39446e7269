using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.ExternalSources;
using GitOpsHQ.Server.Features;
using GitOpsHQ.Server.Plugins;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static GitOpsHQ.Contracts.Catalog.V1.Catalog;

namespace GitOpsHQ.Server.Api;

/// <summary>The catalog over gRPC, gRPC-Web and REST: a thin adapter over the domain services.</summary>
[Authorize(Policy = Policies.Viewer)]
public sealed class CatalogGrpcService(
    ArtifactKinds kinds, ArtifactCatalog artifacts, WorkingCopy files, VersionCatalog versions, ArtifactDiffs diffs,
    RenderPreview preview, UserDirectory users, ExternalCharts external) : CatalogBase
{
    public override Task<ListArtifactsResponse> ListArtifacts(ListArtifactsRequest request, ServerCallContext context)
    {
        var kind = kinds.Get(request.Collection);
        var (page, total, next) = artifacts.List(kind, request.Search, request.PageSize, request.PageToken, request.OrderBy);
        var sources = external.Sources(kind);
        return Task.FromResult(new ListArtifactsResponse
        {
            Artifacts = { page.Select(a => WithUpstream(a.ToProto(kind), sources.GetValueOrDefault(a.Name))) }, TotalSize = total, NextPageToken = next,
        });
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<Artifact> CreateArtifact(CreateArtifactRequest request, ServerCallContext context)
    {
        var kind = kinds.Get(request.Collection);
        if (request.Source is { } source)
        {
            if (request.Scaffold) throw new Errors.ProductException(Errors.ErrorCode.RequestInvalid, "A chart with a source gets its files from the source: leave out scaffold.");
            var imported = await external.CreateAsync(kind, request.Name, request.Description, ExternalCharts.Parse(source, request.Mirror), Caller(context),
                context.CancellationToken);
            RestResponse.Created(context);
            return WithUpstream(imported.ToProto(kind), external.Source(kind, request.Name));
        }
        var created = await artifacts.CreateAsync(kind, request.Name, request.Scaffold, request.Description, Caller(context), context.CancellationToken);
        RestResponse.Created(context);
        return created.ToProto(kind);
    }

    public override Task<Artifact> GetArtifact(ArtifactRef request, ServerCallContext context)
    {
        var kind = kinds.Get(request.Collection);
        return Task.FromResult(WithUpstream(artifacts.Get(kind, request.Name).ToProto(kind), external.Source(kind, request.Name)));
    }

    private static Artifact WithUpstream(Artifact artifact, SourceState? source)
    {
        if (source is not null) artifact.Upstream = source.ToProto();
        return artifact;
    }

    /// <summary>A version of an external chart that is listed but not imported yet is imported by its first read.</summary>
    private Task ImportOnReadAsync(string collection, string name, string? reference, ServerCallContext context) =>
        external.EnsureImportedAsync(kinds.Get(collection), name, reference, context.CancellationToken);

    [Authorize(Policy = Policies.Editor)]
    public override async Task<Artifact> UpdateArtifact(UpdateArtifactRequest request, ServerCallContext context)
    {
        var kind = kinds.Get(request.Collection);
        return (await artifacts.UpdateAsync(kind, request.Name, request.Description, context.CancellationToken)).ToProto(kind);
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<DeleteArtifactResponse> DeleteArtifact(ArtifactRef request, ServerCallContext context)
    {
        await artifacts.DeleteAsync(kinds.Get(request.Collection), request.Name, context.CancellationToken);
        return new DeleteArtifactResponse();
    }

    public override async Task<Tree> GetTree(GetTreeRequest request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.Ref, context);
        var (commit, entries) = files.Tree(kinds.Get(request.Collection), request.Name, request.Ref);
        return new Tree
        {
            Ref = string.IsNullOrEmpty(request.Ref) ? "main" : request.Ref,
            Commit = commit,
            Entries = { entries.Select(e => new TreeEntry { Path = e.Path, Size = e.Size, Blob = e.Blob }) },
        };
    }

    public override async Task<Contracts.Catalog.V1.File> GetFile(GetFileRequest request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.Ref, context);
        return files.Read(kinds.Get(request.Collection), request.Name, FilePathOf(request.Path, context), request.Ref).ToProto();
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<CommitResult> WriteFile(WriteFileRequest request, ServerCallContext context)
    {
        var actor = Caller(context);
        var result = await files.WriteAsync(kinds.Get(request.Collection), request.Name, FilePathOf(request.Path, context), ContentOf(request), request.BaseCommit,
            request.Message, request.CreateOnly, actor, context.CancellationToken);
        return result.ToProto(actor);
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<CommitResult> DeleteFile(DeleteFileRequest request, ServerCallContext context)
    {
        var actor = Caller(context);
        return (await files.DeleteAsync(kinds.Get(request.Collection), request.Name, FilePathOf(request.Path, context), request.BaseCommit, request.Message, actor,
            context.CancellationToken)).ToProto(actor);
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<CommitResult> RenameFile(RenameFileRequest request, ServerCallContext context)
    {
        var actor = Caller(context);
        return (await files.RenameAsync(kinds.Get(request.Collection), request.Name, request.From, request.To, request.BaseCommit, request.Message,
            actor, context.CancellationToken)).ToProto(actor);
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<CommitResult> CommitChanges(CommitChangesRequest request, ServerCallContext context)
    {
        var actor = Caller(context);
        var edits = request.Changes.Select(FileEdit (change, i) => change.ChangeCase switch
        {
            Contracts.Catalog.V1.FileChange.ChangeOneofCase.Write => new FileEdit.Write(change.Write.Path, ContentOf(change.Write)),
            Contracts.Catalog.V1.FileChange.ChangeOneofCase.Delete => new FileEdit.Delete(change.Delete.Path),
            Contracts.Catalog.V1.FileChange.ChangeOneofCase.Rename => new FileEdit.Rename(change.Rename.From, change.Rename.To),
            _ => throw new Errors.ProductException(Errors.ErrorCode.RequestInvalid, $"changes[{i}] is empty: set write, delete or rename."),
        }).ToList();
        return (await files.CommitAsync(kinds.Get(request.Collection), request.Name, edits, request.BaseCommit, request.Message, actor,
            context.CancellationToken)).ToProto(actor);
    }

    public override Task<Diff> GetChanges(ArtifactRef request, ServerCallContext context) =>
        Task.FromResult(diffs.Changes(kinds.Get(request.Collection), request.Name).ToProto());

    public override async Task<Diff> DiffRefs(DiffRequest request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.From, context);
        await ImportOnReadAsync(request.Collection, request.Name, request.To, context);
        return diffs.Compare(kinds.Get(request.Collection), request.Name, request.From, request.To).ToProto();
    }

    public override async Task<ValidationResult> Validate(ValidateArtifactRequest request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.Ref, context);
        var (result, commit) = await versions.ValidateAsync(kinds.Get(request.Collection), request.Name, request.Ref, context.CancellationToken);
        return new ValidationResult { Valid = result.Valid, Diagnostics = { result.Diagnostics }, Commit = commit };
    }

    public override async Task<RenderResult> Render(RenderArtifactRequest request, ServerCallContext context)
    {
        await preview.RequireEnabledAsync();
        await ImportOnReadAsync(request.Collection, request.Name, request.Ref, context);
        var (result, commit) = await versions.RenderAsync(kinds.Get(request.Collection), request.Name, request.Ref, request.Options, request.Values,
            request.OverlayFiles, context.GetHttpContext().Request.Host.Value, context.CancellationToken);
        return new RenderResult { Manifests = result.Manifests, Diagnostics = { result.Diagnostics }, Commit = commit };
    }

    public override Task<ListVersionsResponse> ListVersions(ListVersionsRequest request, ServerCallContext context)
    {
        var kind = kinds.Get(request.Collection);
        var upstream = external.Upstream(kind, request.Name);
        // An external chart lists what its source has, imported or not (a version is imported on its first read).
        var pending = upstream.Values.Where(v => !v.Imported).Select(v => new Catalog.VersionInfo(v.Version, "", DateTimeOffset.MinValue, "", "", "",
            external.Source(kind, request.Name)?.Spec.Type == ChartSourceSpec.Oci ? PublishSource.ExternalOci : PublishSource.ExternalUrl, "")).ToList();
        var (page, total, next) = versions.List(kind, request.Name, request.PageSize, request.PageToken, pending);
        return Task.FromResult(new ListVersionsResponse
        {
            Versions = { page.Select(v => WithUpstream(v.ToProto(request.Name, users), upstream.GetValueOrDefault(v.Version))) }, TotalSize = total, NextPageToken = next,
        });
    }

    private static Contracts.Catalog.V1.Version WithUpstream(Contracts.Catalog.V1.Version version, UpstreamVersion? upstream)
    {
        if (upstream is not null) version.Upstream = upstream.ToProto();
        if (version.Commit == "") version.PublishedAt = null;
        return version;
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<Contracts.Catalog.V1.Version> PublishVersion(PublishVersionRequest request, ServerCallContext context)
    {
        var user = context.GetHttpContext().User;
        var published = await versions.PublishAsync(kinds.Get(request.Collection), request.Name, request.Version, request.Notes, request.Commit,
            user.Actor(), user.SignedInBySession() ? PublishSource.Ui : PublishSource.Api, context.CancellationToken);
        RestResponse.Created(context);
        return published.ToProto(request.Name, users);
    }

    public override async Task<Contracts.Catalog.V1.Version> GetVersion(VersionRef request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.Version, context);
        var kind = kinds.Get(request.Collection);
        return WithUpstream(versions.Get(kind, request.Name, request.Version).ToProto(request.Name, users),
            external.Upstream(kind, request.Name).GetValueOrDefault(request.Version));
    }

    public override async Task<Package> GetPackage(VersionRef request, ServerCallContext context)
    {
        await ImportOnReadAsync(request.Collection, request.Name, request.Version, context);
        var package = await versions.PackageAsync(kinds.Get(request.Collection), request.Name, request.Version, context.CancellationToken);
        return new Package { Filename = package.Filename, MediaType = package.MediaType, Content = ByteString.CopyFrom(package.Content), Digest = package.Digest };
    }

    private static Actor Caller(ServerCallContext context) => context.GetHttpContext().User.Actor();

    private static byte[] ContentOf(WriteFileRequest request) =>
        request.BodyCase == WriteFileRequest.BodyOneofCase.Content ? request.Content.ToByteArray() : System.Text.Encoding.UTF8.GetBytes(request.Text);

    /// <summary>
    /// A file path as the caller meant it: REST carries it in the URL, whose route values are decoded except for an
    /// encoded '/' (%2F); finishing that one decoding here means every path is decoded exactly once and then meets the
    /// path rules like any other ("..%2F.." is "../..", refused).
    /// </summary>
    private static string FilePathOf(string path, ServerCallContext context) =>
        context.GetHttpContext().Request.Path.StartsWithSegments("/api") ? path.Replace("%2F", "/").Replace("%2f", "/") : path;
}
