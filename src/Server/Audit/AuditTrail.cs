using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Storage;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Audit;

public sealed class AuditOptions
{
    public const string Section = "Audit";

    /// <summary>Days a record is kept; older ones are pruned at start and daily. 0 keeps them forever.</summary>
    public int RetentionDays { get; set; } = 365;
}

/// <summary>What a record is about: an artifact (kind, name, version) or an org object (user, token, credential, workload…).</summary>
public sealed record AuditTarget(string Kind, string Name, string Version = "")
{
    public static AuditTarget Artifact(string kind, string name, string version = "") => new(kind, name, version);
    public static AuditTarget User(string username) => new("user", username);
}

/// <summary>One record of the audit trail.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Address, string Credential, string Door, string Action,
    AuditTarget Target, string Details);

/// <summary>A record captured when a change began (see <see cref="AuditTrail.Capture"/>), written when it has landed.</summary>
public sealed record PendingRecord(long At, string Actor, string Address, string Credential, string Door, string Action, string TargetKind,
    string TargetName, string TargetVersion, string Details);

public sealed record AuditQuery(string? Actor = null, string? TargetKind = null, string? TargetName = null, string? Action = null,
    DateTimeOffset? Since = null, DateTimeOffset? Until = null, long? Before = null, int Limit = 100);

/// <summary>
/// The append-only audit trail of every state change: who (username), when, from where (client address, the token or
/// browser session, and the door: rest, grpc, grpc-web, ui, git, oci, helm, or server for the server's own work), the
/// action, its target and details (JSON, never a secret). The caller is taken from the request being served, so write
/// paths only name what they did. Records are only ever added; the one deletion is retention pruning.
/// </summary>
public sealed class AuditTrail(Database database, IHttpContextAccessor requests, TimeProvider clock, IOptions<AuditOptions> options,
    ILogger<AuditTrail> logger)
{
    /// <summary>Details keys that are never stored, whatever a caller passes.</summary>
    private static readonly string[] SecretWords = ["password", "secret", "token_value", "cookie", "authorization"];

    /// <param name="actor">Who, when it is not the request's caller (a sign-in names the username tried).</param>
    /// <param name="credential">The credential, when it is not the one the request was authenticated with (a sign-in's new session).</param>
    public void Record(string action, AuditTarget target, object? details = null, string? actor = null, string? credential = null) =>
        Write(Capture(action, target, details, actor, credential));

    /// <summary>
    /// A record as it would be written now (who, when, from where), without writing it: a change that must not lose its
    /// record keeps this in its journal and writes it once the change has landed, or at the next start.
    /// </summary>
    public PendingRecord Capture(string action, AuditTarget target, object? details = null, string? actor = null, string? credential = null)
    {
        var http = requests.HttpContext;
        var user = http?.User;
        var who = actor ?? (user?.Identity?.IsAuthenticated == true ? user.Username() : "");
        if (who == "" && http is null) who = "server";
        return new PendingRecord(clock.GetUtcNow().ToUnixTimeMilliseconds(), who, http?.Connection.RemoteIpAddress?.ToString() ?? "",
            credential ?? (user is null ? "" : CredentialOf(user)), DoorOf(http), action, target.Kind, target.Name, target.Version, Scrub(details));
    }

    /// <summary>
    /// Records a change made in the caller's database transaction: the change and its record commit together or not at
    /// all (a record that cannot be written rolls the change back).
    /// </summary>
    public void Record(System.Data.Common.DbTransaction transaction, string action, AuditTarget target, object? details = null,
        string? actor = null)
    {
        using var command = Insert(transaction.Connection!, Capture(action, target, details, actor));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>Writes a captured record.</summary>
    public void Write(PendingRecord record)
    {
        try
        {
            using var connection = database.Open();
            using var command = Insert(connection, record);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException)
        {
            // The change itself has happened; a record that cannot be written is logged rather than undoing it.
            logger.LogError(e, "Could not record {Action} on {Kind}/{Name} by {Actor} in the audit trail", record.Action, record.TargetKind,
                record.TargetName, record.Actor);
        }
    }

    private static System.Data.Common.DbCommand Insert(System.Data.Common.DbConnection connection, PendingRecord record) =>
        connection.Command("""
            INSERT INTO audit_log (at, actor, address, credential, door, action, target_kind, target_name, target_version, details)
            VALUES (@at, @actor, @address, @credential, @door, @action, @kind, @name, @version, @details)
            """, ("@at", record.At), ("@actor", record.Actor), ("@address", record.Address), ("@credential", record.Credential),
            ("@door", record.Door), ("@action", record.Action), ("@kind", record.TargetKind), ("@name", record.TargetName),
            ("@version", record.TargetVersion), ("@details", record.Details));

    /// <summary>Whether the trail already holds this captured record (same action, target, actor and time).</summary>
    public bool Holds(PendingRecord record)
    {
        using var connection = database.Open();
        using var command = connection.Command("""
            SELECT 1 FROM audit_log WHERE action = @action AND target_kind = @kind AND target_name = @name AND target_version = @version
              AND actor = @actor AND at = @at LIMIT 1
            """, ("@action", record.Action), ("@kind", record.TargetKind), ("@name", record.TargetName), ("@version", record.TargetVersion),
            ("@actor", record.Actor), ("@at", record.At));
        return command.ExecuteScalar() is not null;
    }

    /// <summary>Records newest first, filtered; <see cref="AuditQuery.Before"/> continues a page after the record id it names.</summary>
    public List<AuditEntry> Query(AuditQuery query)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(string clause, string name, object? value)
        {
            where.Add(clause);
            parameters.Add((name, value));
        }
        if (!string.IsNullOrEmpty(query.Actor)) Add("actor = @actor", "@actor", query.Actor);
        if (!string.IsNullOrEmpty(query.TargetKind)) Add("target_kind = @kind", "@kind", query.TargetKind);
        if (!string.IsNullOrEmpty(query.TargetName)) Add("target_name = @name", "@name", query.TargetName);
        if (!string.IsNullOrEmpty(query.Action)) Add(query.Action.EndsWith('.') ? "substr(action, 1, length(@action)) = @action" : "action = @action", "@action", query.Action);
        if (query.Since is { } since) Add("at >= @since", "@since", since.ToUnixTimeMilliseconds());
        if (query.Until is { } until) Add("at < @until", "@until", until.ToUnixTimeMilliseconds());
        if (query.Before is { } before) Add("id < @before", "@before", before);
        var sql = "SELECT id, at, actor, address, credential, door, action, target_kind, target_name, target_version, details FROM audit_log" +
                  (where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where)) + " ORDER BY id DESC LIMIT @limit";
        parameters.Add(("@limit", query.Limit));
        using var connection = database.Open();
        using var command = connection.Command(sql, parameters.ToArray());
        using var reader = command.ExecuteReader();
        var list = new List<AuditEntry>();
        while (reader.Read())
            list.Add(new AuditEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), new AuditTarget(reader.GetString(7), reader.GetString(8), reader.GetString(9)),
                reader.GetString(10)));
        return list;
    }

    /// <summary>Deletes records older than the retention period; returns how many.</summary>
    public int Prune()
    {
        var days = options.Value.RetentionDays;
        if (days <= 0) return 0;
        var cutoff = clock.GetUtcNow().AddDays(-days).ToUnixTimeMilliseconds();
        using var connection = database.Open();
        using var command = connection.Command("DELETE FROM audit_log WHERE at < @cutoff", ("@cutoff", cutoff));
        var pruned = command.ExecuteNonQuery();
        if (pruned > 0) logger.LogInformation("Pruned {Count} audit records older than {Days} days (Audit:RetentionDays)", pruned, days);
        return pruned;
    }

    /// <summary>The credential the caller used: a token's id (never its value) or the browser session's id.</summary>
    private static string CredentialOf(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(TokenAuthenticationHandler.TokenIdClaim) is { } token) return "token:" + token;
        if (user.FindFirstValue(SessionCookie.SessionClaim) is { } session) return "session:" + session;
        if (user.HasClaim(c => c.Type == Access.BearerClaim)) return "registry-bearer";
        return "";
    }

    public static string DoorOf(HttpContext? http)
    {
        if (http is null) return "server";
        var path = http.Request.Path;
        if (path.StartsWithSegments("/v2")) return "oci";
        if (path.StartsWithSegments("/git") || path.StartsWithSegments("/internal/git")) return "git";
        if (path.StartsWithSegments("/helm")) return "helm";
        var type = http.Request.ContentType ?? "";
        if (type.StartsWith("application/grpc-web", StringComparison.OrdinalIgnoreCase))
            return http.User.SignedInBySession() || SessionCookie.Presented(http) is not null ? "ui" : "grpc-web";
        if (type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase)) return "grpc";
        return "rest";
    }

    internal static string Scrub(object? details)
    {
        if (details is null) return "{}";
        var node = details as JsonNode ?? JsonSerializer.SerializeToNode(details, details.GetType(), JsonOptions);
        if (node is JsonObject obj)
            foreach (var key in obj.Select(p => p.Key).Where(k => SecretWords.Any(w => k.Contains(w, StringComparison.OrdinalIgnoreCase))).ToList())
                obj.Remove(key);
        return node?.ToJsonString() ?? "{}";
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
}

/// <summary>Prunes the audit trail at start and then daily (on one replica at a time).</summary>
public sealed class AuditRetention(AuditTrail trail, TimeProvider clock, Cluster.IReplicaLeases leases, ILogger<AuditRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), clock);
        do
        {
            await Cluster.ReplicaLeaseExtensions.RunAloneAsync(leases, "audit-retention", _ =>
            {
                try
                {
                    trail.Prune();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogError(e, "Could not prune the audit trail");
                }
                return Task.CompletedTask;
            }, logger, stoppingToken);
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
