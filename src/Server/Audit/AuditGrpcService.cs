using System.Globalization;
using System.Text.Json;
using GitOpsHQ.Contracts.Audit.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Errors;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace GitOpsHQ.Server.Audit;

/// <summary>The audit trail over gRPC, gRPC-Web and REST (admins), and its JSON lines export.</summary>
[Authorize(Policy = Policies.AuditReader)]
public sealed class AuditGrpcService(AuditTrail trail) : Contracts.Audit.V1.Audit.AuditBase
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 500;

    public override Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0 || request.PageSize > MaxPageSize)
            throw new ProductException(ErrorCode.RequestInvalid, $"page_size is {request.PageSize}; it is between 1 and {MaxPageSize} (default {DefaultPageSize}).");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var query = Filters(request.Actor, request.Artifact, request.Action, request.Since?.ToDateTimeOffset(), request.Until?.ToDateTimeOffset(),
            request.PageToken) with { Limit = size + 1 };
        var records = trail.Query(query);
        var response = new ListAuditRecordsResponse { Records = { records.Take(size).Select(ToProto) } };
        if (records.Count > size) response.NextPageToken = "before:" + records[size - 1].Id.ToString(CultureInfo.InvariantCulture);
        return Task.FromResult(response);
    }

    /// <summary>The filters every door of the audit trail takes.</summary>
    public static AuditQuery Filters(string? actor, string? artifact, string? action, DateTimeOffset? since, DateTimeOffset? until, string? pageToken)
    {
        string? kind = null, name = null;
        if (!string.IsNullOrEmpty(artifact))
        {
            var slash = artifact.IndexOf('/');
            if (slash <= 0 || slash == artifact.Length - 1)
                throw new ProductException(ErrorCode.RequestInvalid, $"artifact '{artifact}' is not KIND/NAME (for example charts/web or user/alice).");
            (kind, name) = (artifact[..slash], artifact[(slash + 1)..]);
        }
        long? before = null;
        if (!string.IsNullOrEmpty(pageToken))
            before = pageToken.StartsWith("before:", StringComparison.Ordinal) && long.TryParse(pageToken["before:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : throw new ProductException(ErrorCode.RequestInvalid, "page_token is not one this server returned; start again without it.");
        return new AuditQuery(actor, kind, name, action, since, until, before);
    }

    public static AuditRecord ToProto(AuditEntry r) => new()
    {
        Id = r.Id, At = Timestamp.FromDateTimeOffset(r.At), Actor = r.Actor, Address = r.Address, Credential = r.Credential, Door = r.Door,
        Action = r.Action, TargetKind = r.Target.Kind, TargetName = r.Target.Name, TargetVersion = r.Target.Version, Details = r.Details,
    };
}

/// <summary>GET /api/v2/org/audit.jsonl: the whole (filtered) trail as JSON lines, newest first, streamed.</summary>
public static class AuditExport
{
    public const string Route = "/api/v2/org/audit.jsonl";

    public static void MapAudit(this WebApplication app)
    {
        app.MapGrpcService<AuditGrpcService>();
        app.MapGet(Route, ExportAsync).RequireAuthorization(Policies.AuditReader);
    }

    private static async Task ExportAsync(HttpContext http, AuditTrail trail)
    {
        var q = http.Request.Query;
        AuditQuery query;
        try
        {
            query = AuditGrpcService.Filters(q["actor"], q["artifact"], q["action"], Time(q["since"], "since"), Time(q["until"], "until"), null);
        }
        catch (ProductException e)
        {
            await HttpErrors.WriteAsync(http, e.Error, e.Message);
            return;
        }
        http.Response.ContentType = "application/jsonl; charset=utf-8";
        var formatter = new Google.Protobuf.JsonFormatter(Google.Protobuf.JsonFormatter.Settings.Default.WithFormatDefaultValues(true));
        long? before = null;
        while (true)
        {
            var page = trail.Query(query with { Before = before, Limit = 1000 });
            foreach (var record in page)
                await http.Response.WriteAsync(formatter.Format(AuditGrpcService.ToProto(record)) + "\n", http.RequestAborted);
            if (page.Count < 1000) break;
            before = page[^1].Id;
        }
    }

    private static DateTimeOffset? Time(string? text, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : throw new ProductException(ErrorCode.RequestInvalid, $"{field} '{text}' is not a time (RFC 3339, for example 2026-01-31T00:00:00Z).");
    }
}

public static class AuditRegistration
{
    public static void AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.Configure<AuditOptions>(builder.Configuration.GetSection(AuditOptions.Section));
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddSingleton<AuditJournal>();
        builder.Services.AddHostedService<AuditRetention>();
    }
}
