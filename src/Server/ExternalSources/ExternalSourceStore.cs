using GitOpsHQ.Server.Storage;
using Microsoft.Data.Sqlite;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>A chart's external source: an OCI repository, a classic chart repository and chart name, or one archive URL.</summary>
public sealed record ChartSourceSpec(string Type, string Reference, string Chart, bool Mirror)
{
    public const string Oci = "oci";
    public const string Url = "url";

    public bool IsArchive => Type == Url && Chart == "";

    public string Describe() => Type switch
    {
        Oci => $"{Reference} (an external OCI repository)",
        _ when IsArchive => $"{Reference} (an external chart archive)",
        _ => $"chart '{Chart}' of {Reference} (an external chart repository)",
    };
}

/// <summary>A source's sync state.</summary>
public sealed record SourceState(string Kind, string Name, ChartSourceSpec Spec, DateTimeOffset NextSyncAt, DateTimeOffset? LastSyncAt, string LastSyncError);

/// <summary>One version upstream lists (or listed): where it is, and what was imported and is served there now.</summary>
public sealed record UpstreamVersion(string Version, string Tag, string Location, string ListedDigest, bool Imported, string ImportedDigest,
    string UpstreamDigest, bool Changed, bool Removed, DateTimeOffset FirstSeenAt);

/// <summary>
/// Sync state of the external sources (the definition itself is kept in each chart's Git repository): when each is
/// next due, the versions upstream lists, and the audit of what upstream changed.
/// </summary>
public sealed class ExternalSourceStore(ExternalSourcesSchema schema, TimeProvider clock, GitOpsHQ.Server.Audit.AuditTrail trail)
{
    public void AddSource(string kind, string name, ChartSourceSpec spec, DateTimeOffset nextSyncAt)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT OR REPLACE INTO external_sources (kind, name, type, reference, chart, mirror, next_sync_at) VALUES ($k, $n, $t, $r, $c, $m, $next)",
            ("$k", kind), ("$n", name), ("$t", spec.Type), ("$r", spec.Reference), ("$c", spec.Chart), ("$m", spec.Mirror ? 1 : 0),
            ("$next", nextSyncAt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public SourceState? Find(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE kind = $k AND name = $n", ("$k", kind), ("$n", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSource(reader) : null;
    }

    /// <summary>Every source of a kind, by name (for listings).</summary>
    public Dictionary<string, SourceState> All(string kind)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE kind = $k", ("$k", kind));
        using var reader = command.ExecuteReader();
        var all = new Dictionary<string, SourceState>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var state = ReadSource(reader);
            all[state.Name] = state;
        }
        return all;
    }

    public List<SourceState> Due(DateTimeOffset now, int limit)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE next_sync_at <= $now ORDER BY next_sync_at LIMIT $limit",
            ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var due = new List<SourceState>();
        while (reader.Read()) due.Add(ReadSource(reader));
        return due;
    }

    public void RecordSync(string kind, string name, DateTimeOffset at, string error, DateTimeOffset next)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_sources SET last_sync_at = $at, last_sync_error = $error, next_sync_at = $next WHERE kind = $k AND name = $n",
            ("$k", kind), ("$n", name), ("$at", at.ToUnixTimeMilliseconds()), ("$error", error), ("$next", next.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void RemoveSource(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command("DELETE FROM external_sources WHERE kind = $k AND name = $n; DELETE FROM external_versions WHERE kind = $k AND name = $n",
            ("$k", kind), ("$n", name));
        command.ExecuteNonQuery();
    }

    public List<UpstreamVersion> Versions(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {VersionColumns} FROM external_versions WHERE kind = $k AND name = $n", ("$k", kind), ("$n", name));
        using var reader = command.ExecuteReader();
        var list = new List<UpstreamVersion>();
        while (reader.Read()) list.Add(ReadVersion(reader));
        return list;
    }

    public UpstreamVersion? FindVersion(string kind, string name, string version)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {VersionColumns} FROM external_versions WHERE kind = $k AND name = $n AND (version = $v OR tag = $v)",
            ("$k", kind), ("$n", name), ("$v", version));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadVersion(reader) : null;
    }

    /// <summary>A version seen upstream for the first time (listed, not imported yet).</summary>
    public void AddVersion(string kind, string name, string version, string tag, string location, string listedDigest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT OR IGNORE INTO external_versions (kind, name, version, tag, location, listed_digest, first_seen_at) VALUES ($k, $n, $v, $t, $l, $d, $at)",
            ("$k", kind), ("$n", name), ("$v", version), ("$t", tag), ("$l", location), ("$d", listedDigest), ("$at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void UpdateListing(string kind, string name, string version, string location, string listedDigest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_versions SET location = $l, listed_digest = $d WHERE kind = $k AND name = $n AND version = $v",
            ("$k", kind), ("$n", name), ("$v", version), ("$l", location), ("$d", listedDigest));
        command.ExecuteNonQuery();
    }

    public void MarkImported(string kind, string name, string version, string tag, string location, string digest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT INTO external_versions (kind, name, version, tag, location, imported, imported_digest, first_seen_at) VALUES ($k, $n, $v, $t, $l, 1, $d, $at) " +
            "ON CONFLICT (kind, name, version) DO UPDATE SET imported = 1, imported_digest = $d, location = $l",
            ("$k", kind), ("$n", name), ("$v", version), ("$t", tag), ("$l", location), ("$d", digest), ("$at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void Flag(string kind, string name, string version, bool changed, string upstreamDigest, bool removed)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_versions SET changed = $c, upstream_digest = $u, removed = $r WHERE kind = $k AND name = $n AND version = $v",
            ("$k", kind), ("$n", name), ("$v", version), ("$c", changed ? 1 : 0), ("$u", upstreamDigest), ("$r", removed ? 1 : 0));
        command.ExecuteNonQuery();
    }

    /// <summary>A version upstream no longer lists and that was never imported: nothing here depends on it.</summary>
    public void Forget(string kind, string name, string version)
    {
        using var connection = schema.Open();
        using var command = connection.Command("DELETE FROM external_versions WHERE kind = $k AND name = $n AND version = $v AND imported = 0",
            ("$k", kind), ("$n", name), ("$v", version));
        command.ExecuteNonQuery();
    }

    /// <summary>The audit of what upstream did to versions imported here.</summary>
    public void Audit(string kind, string name, string version, string @event, string detail)
    {
        using var connection = schema.Open();
        using var command = connection.Command("INSERT INTO external_events (at, kind, name, version, event, detail) VALUES ($at, $k, $n, $v, $e, $d)",
            ("$at", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("$k", kind), ("$n", name), ("$v", version), ("$e", @event), ("$d", detail));
        command.ExecuteNonQuery();
        trail.Record("external_source." + @event, GitOpsHQ.Server.Audit.AuditTarget.Artifact(kind, name, version), new { detail });
    }

    public List<(DateTimeOffset At, string Version, string Event, string Detail)> Events(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command("SELECT at, version, event, detail FROM external_events WHERE kind = $k AND name = $n ORDER BY at",
            ("$k", kind), ("$n", name));
        using var reader = command.ExecuteReader();
        var list = new List<(DateTimeOffset, string, string, string)>();
        while (reader.Read()) list.Add((DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    private const string SourceColumns = "kind, name, type, reference, chart, mirror, next_sync_at, last_sync_at, last_sync_error";

    private static SourceState ReadSource(SqliteDataReader r) => new(r.GetString(0), r.GetString(1),
        new ChartSourceSpec(r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5) != 0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), r.GetString(8));

    private const string VersionColumns =
        "version, tag, location, listed_digest, imported, imported_digest, upstream_digest, changed, removed, first_seen_at";

    private static UpstreamVersion ReadVersion(SqliteDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetInt64(4) != 0, r.GetString(5), r.GetString(6), r.GetInt64(7) != 0, r.GetInt64(8) != 0, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)));
}
