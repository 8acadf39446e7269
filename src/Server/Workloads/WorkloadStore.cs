using System.Security.Cryptography;
using System.Text.Json;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using System.Data.Common;

namespace GitOpsHQ.Server.Workloads;

public sealed record OverlayText(string Path, string Text);

/// <summary>Where a workload's desired state is written: a repository URL, a branch and a folder.</summary>
public sealed record TargetLocation(string Repository, string Branch, string Path)
{
    /// <summary>The GitOps repository of this server it names, or "" for external Git.</summary>
    public string Local { get; init; } = "";
}

/// <summary>One workload as stored: what runs (artifact, version, values or overlay) and where its desired state lives.</summary>
public sealed record WorkloadRecord(
    string Id, string Name, string Project, string Environment, string Kind, string Artifact, string Version, string Values,
    string ReleaseName, string Namespace, IReadOnlyList<OverlayText> Overlay, TargetLocation Target, string Format, string Layout,
    string Commit, IReadOnlyDictionary<string, string> Files, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record WorkloadEventRecord(DateTimeOffset At, string Username, string Action, string FromVersion, string ToVersion, string Commit,
    string Message);

/// <summary>
/// Workloads and their audit in the org database. A workload also remembers the files it last wrote under its target
/// path (path → Git blob id), so a change someone else made there since is found before anything is overwritten.
/// </summary>
public sealed class WorkloadStore(Database database, GitOpsHQ.Server.Audit.AuditTrail audit)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS workloads (
            id              TEXT PRIMARY KEY,
            name            TEXT NOT NULL,
            project         TEXT NOT NULL,
            environment     TEXT NOT NULL,
            kind            TEXT NOT NULL,
            artifact        TEXT NOT NULL,
            version         TEXT NOT NULL,
            values_yaml     TEXT NOT NULL,
            release_name    TEXT NOT NULL,
            namespace       TEXT NOT NULL,
            overlay         TEXT NOT NULL,
            repository      TEXT NOT NULL,
            local_repo      TEXT NOT NULL,
            branch          TEXT NOT NULL,
            path            TEXT NOT NULL,
            format          TEXT NOT NULL,
            layout          TEXT NOT NULL,
            last_commit     TEXT NOT NULL,
            files           TEXT NOT NULL,
            created_by      TEXT NOT NULL,
            created_at      INTEGER NOT NULL,
            updated_at      INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS workloads_name ON workloads(project, name);
        CREATE INDEX IF NOT EXISTS workloads_artifact ON workloads(kind, artifact, version);
        CREATE TABLE IF NOT EXISTS workload_events (
            seq           INTEGER PRIMARY KEY AUTOINCREMENT,
            workload_id   TEXT NOT NULL,
            at            INTEGER NOT NULL,
            username      TEXT NOT NULL,
            action        TEXT NOT NULL,
            from_version  TEXT NOT NULL,
            to_version    TEXT NOT NULL,
            commit_id     TEXT NOT NULL,
            message       TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS workload_events_by_workload ON workload_events(workload_id, seq);
        """;

    public static SchemaModule Module { get; } = new("workloads", [SchemaStep.Tables(Schema)]);

    private const string Columns =
        "id, name, project, environment, kind, artifact, version, values_yaml, release_name, namespace, overlay, repository, local_repo, branch, path, " +
        "format, layout, last_commit, files, created_by, created_at, updated_at";

    private DbConnection Open() => database.Open();

    public static string NewId() => "wl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public void Insert(WorkloadRecord w, WorkloadEventRecord created)
    {
        using var connection = Open();
        using var transaction = connection.BeginWrite();
        using (var command = connection.Command(
                   $"INSERT INTO workloads ({Columns}) VALUES (@id, @name, @project, @environment, @kind, @artifact, @version, @values, @release, " +
                   "@namespace, @overlay, @repository, @local, @branch, @path, @format, @layout, @commit, @files, @by, @created, @updated)", Parameters(w)))
        {
            command.Transaction = transaction;
            try
            {
                command.ExecuteNonQuery();
            }
            catch (DbException e) when (Database.IsConstraintViolation(e))
            {
                throw new ProductException(ErrorCode.WorkloadExists, $"Project '{w.Project}' already has a workload named '{w.Name}'.");
            }
        }
        AddEvent(connection, transaction, w.Id, created);
        RecordInTrail(transaction, w.Id, w.Name, created);
        transaction.Commit();
    }

    /// <summary>Stores the workload's new state and its audit entry together.</summary>
    public void Update(WorkloadRecord w, WorkloadEventRecord change)
    {
        using var connection = Open();
        using var transaction = connection.BeginWrite();
        using (var command = connection.Command(
                   "UPDATE workloads SET name = @name, project = @project, environment = @environment, version = @version, values_yaml = @values, " +
                   "release_name = @release, namespace = @namespace, overlay = @overlay, format = @format, layout = @layout, last_commit = @commit, " +
                   "files = @files, updated_at = @updated WHERE id = @id", Parameters(w)))
        {
            command.Transaction = transaction;
            try
            {
                command.ExecuteNonQuery();
            }
            catch (DbException e) when (Database.IsConstraintViolation(e))
            {
                throw new ProductException(ErrorCode.WorkloadExists, $"Project '{w.Project}' already has a workload named '{w.Name}'.");
            }
        }
        AddEvent(connection, transaction, w.Id, change);
        RecordInTrail(transaction, w.Id, w.Name, change);
        transaction.Commit();
    }

    public void Delete(string id, WorkloadEventRecord deleted)
    {
        using var connection = Open();
        using var transaction = connection.BeginWrite();
        using (var command = connection.Command("DELETE FROM workloads WHERE id = @id", ("@id", id)))
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        AddEvent(connection, transaction, id, deleted);
        RecordInTrail(transaction, id, "", deleted);
        transaction.Commit();
    }

    /// <summary>The org's audit trail gets each workload event too.</summary>
    private void RecordInTrail(DbTransaction transaction, string id, string name, WorkloadEventRecord e) =>
        audit.Record(transaction, "workload." + e.Action.ToLowerInvariant().Replace(' ', '_'), new GitOpsHQ.Server.Audit.AuditTarget("workload", id, e.ToVersion),
            new { name, from_version = e.FromVersion, to_version = e.ToVersion, commit = e.Commit, message = e.Message }, actor: e.Username);

    public WorkloadRecord Get(string id) =>
        Find(id) ?? throw new ProductException(ErrorCode.WorkloadUnknown, $"There is no workload '{id}'.");

    public WorkloadRecord? Find(string id)
    {
        using var connection = Open();
        using var command = connection.Command($"SELECT {Columns} FROM workloads WHERE id = @id", ("@id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public List<WorkloadRecord> List(string? kind = null, string? artifact = null, string? version = null, string? project = null, string? environment = null)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        void Add(string column, string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            where.Add($"{column} = @{column}");
            parameters.Add(("@" + column, value));
        }
        Add("kind", kind);
        Add("artifact", artifact);
        Add("version", version);
        Add("project", project);
        Add("environment", environment);
        using var connection = Open();
        using var command = connection.Command(
            $"SELECT {Columns} FROM workloads {(where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where))} ORDER BY project, name",
            parameters.ToArray());
        using var reader = command.ExecuteReader();
        var list = new List<WorkloadRecord>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    }

    public List<WorkloadEventRecord> History(string id)
    {
        using var connection = Open();
        using var command = connection.Command(
            "SELECT at, username, action, from_version, to_version, commit_id, message FROM workload_events WHERE workload_id = @id ORDER BY seq DESC",
            ("@id", id));
        using var reader = command.ExecuteReader();
        var list = new List<WorkloadEventRecord>();
        while (reader.Read())
            list.Add(new WorkloadEventRecord(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        return list;
    }

    private static void AddEvent(DbConnection connection, DbTransaction transaction, string id, WorkloadEventRecord e)
    {
        using var command = connection.Command(
            "INSERT INTO workload_events (workload_id, at, username, action, from_version, to_version, commit_id, message) " +
            "VALUES (@id, @at, @user, @action, @from, @to, @commit, @message)",
            ("@id", id), ("@at", e.At.ToUnixTimeMilliseconds()), ("@user", e.Username), ("@action", e.Action), ("@from", e.FromVersion),
            ("@to", e.ToVersion), ("@commit", e.Commit), ("@message", e.Message));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private static (string, object?)[] Parameters(WorkloadRecord w) =>
    [
        ("@id", w.Id), ("@name", w.Name), ("@project", w.Project), ("@environment", w.Environment), ("@kind", w.Kind), ("@artifact", w.Artifact),
        ("@version", w.Version), ("@values", w.Values), ("@release", w.ReleaseName), ("@namespace", w.Namespace),
        ("@overlay", JsonSerializer.Serialize(w.Overlay)), ("@repository", w.Target.Repository), ("@local", w.Target.Local),
        ("@branch", w.Target.Branch), ("@path", w.Target.Path), ("@format", w.Format), ("@layout", w.Layout), ("@commit", w.Commit),
        ("@files", JsonSerializer.Serialize(w.Files)), ("@by", w.CreatedBy), ("@created", w.CreatedAt.ToUnixTimeMilliseconds()),
        ("@updated", w.UpdatedAt.ToUnixTimeMilliseconds()),
    ];

    private static WorkloadRecord Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7),
        r.GetString(8), r.GetString(9), JsonSerializer.Deserialize<List<OverlayText>>(r.GetString(10)) ?? [],
        new TargetLocation(r.GetString(11), r.GetString(13), r.GetString(14)) { Local = r.GetString(12) }, r.GetString(15), r.GetString(16),
        r.GetString(17), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(18)) ?? [], r.GetString(19),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(20)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(21)));
}
