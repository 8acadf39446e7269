using GitOpsHQ.Contracts.Sources.V1;
using GitOpsHQ.Server.Api;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Plugins;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using static GitOpsHQ.Contracts.Sources.V1.ExternalSources;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>OCI credentials (admins) and syncing external charts (editors) over gRPC, gRPC-Web and REST.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class SourcesGrpcService(SourceCredentials credentials, OutboundClients outbound, ExternalCharts charts, ArtifactKinds kinds,
    TimeProvider clock) : ExternalSourcesBase
{
    public override Task<OciCredential> CreateOciCredential(CreateOciCredentialRequest request, ServerCallContext context)
    {
        var created = credentials.Create(request.Host, request.Username, request.Password, request.Insecure, request.AuthType,
            context.GetHttpContext().User.Username());
        RestResponse.Created(context);
        return Task.FromResult(ToProto(created));
    }

    public override Task<ListOciCredentialsResponse> ListOciCredentials(ListOciCredentialsRequest request, ServerCallContext context) =>
        Task.FromResult(new ListOciCredentialsResponse { Credentials = { credentials.List().Select(ToProto) } });

    public override Task<OciCredential> GetOciCredential(OciCredentialRef request, ServerCallContext context) =>
        Task.FromResult(ToProto(credentials.Get(request.Id)));

    public override Task<OciCredential> UpdateOciCredential(UpdateOciCredentialRequest request, ServerCallContext context) =>
        Task.FromResult(ToProto(credentials.Update(request.Id, request.Host, request.Username, request.Password, request.Insecure, request.AuthType)));

    public override Task<DeleteOciCredentialResponse> DeleteOciCredential(OciCredentialRef request, ServerCallContext context)
    {
        credentials.Delete(request.Id);
        return Task.FromResult(new DeleteOciCredentialResponse());
    }

    public override async Task<TestOciCredentialResponse> TestOciCredential(TestOciCredentialRequest request, ServerCallContext context)
    {
        var credential = credentials.Get(request.Id);
        using var session = outbound.Open();
        var remote = new OciRemote(session, credential.Host, credential.Username, credentials.Secret(credential), credential.Insecure);
        var result = await remote.TestAsync(request.Repository, clock.GetUtcNow(), context.CancellationToken);
        credentials.RecordTest(credential.Id, result);
        return new TestOciCredentialResponse { Success = result.Success, Message = result.Message };
    }

    [Authorize(Policy = Policies.Editor)]
    public override async Task<SyncArtifactResponse> SyncArtifact(SyncArtifactRequest request, ServerCallContext context)
    {
        var report = await charts.SyncAsync(kinds.Get(request.Collection), request.Name, context.CancellationToken);
        return new SyncArtifactResponse
        {
            Versions = { report.Versions }, Added = { report.Added }, Imported = { report.Imported }, Changed = { report.Changed },
            Removed = { report.Removed }, SyncedAt = Timestamp.FromDateTimeOffset(report.At),
        };
    }

    private static OciCredential ToProto(SourceCredential c)
    {
        var proto = new OciCredential
        {
            Id = c.Id, Host = c.Host, Username = c.Username, Insecure = c.Insecure, AuthType = c.AuthType, CreatedBy = c.CreatedBy,
            CreatedAt = Timestamp.FromDateTimeOffset(c.CreatedAt), UpdatedAt = Timestamp.FromDateTimeOffset(c.UpdatedAt),
        };
        if (c.LastTest is { } test)
            proto.LastTest = new ConnectionTest { Success = test.Success, Message = test.Message, TestedAt = Timestamp.FromDateTimeOffset(test.At) };
        return proto;
    }
}

/// <summary>External sources as the catalog shows them.</summary>
public static class UpstreamMapping
{
    public static Upstream ToProto(this SourceState s)
    {
        var upstream = new Upstream
        {
            Type = s.Spec.Type, Reference = s.Spec.Reference, Chart = s.Spec.Chart, Mirror = s.Spec.Mirror, LastSyncError = s.LastSyncError,
            NextSyncAt = Timestamp.FromDateTimeOffset(s.NextSyncAt),
        };
        if (s.LastSyncAt is { } at) upstream.LastSyncAt = Timestamp.FromDateTimeOffset(at);
        return upstream;
    }

    public static VersionUpstream ToProto(this UpstreamVersion v) => new()
    {
        Reference = v.Location, Imported = v.Imported, Digest = v.ImportedDigest, UpstreamChanged = v.Changed, UpstreamDigest = v.Changed ? v.UpstreamDigest : "",
        UpstreamRemoved = v.Removed,
    };
}
