using GitOpsHQ.Server.Storage;
using System.Data.Common;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>
/// The Helm repository index entry of a listed version: <see cref="Fields"/> is Chart.yaml's metadata as JSON (as the OCI
/// config of a chart holds it), <see cref="Digest"/> the SHA-256 (hex) of the chart archive, <see cref="SourceDigest"/>
/// what it was read from (the manifest's digest, or the upstream index's digest).
/// </summary>
public sealed record IndexEntry(string SourceDigest, DateTimeOffset Created, string Digest, string Fields, bool Imported = false);

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
            "INSERT INTO external_sources (kind, name, type, reference, chart, mirror, next_sync_at) VALUES (@k, @n, @t, @r, @c, @m, @next) " +
            "ON CONFLICT (kind, name) DO UPDATE SET type = excluded.type, reference = excluded.reference, chart = excluded.chart, mirror = excluded.mirror, " +
            "next_sync_at = excluded.next_sync_at, last_sync_at = NULL, last_sync_error = ''",
            ("@k", kind), ("@n", name), ("@t", spec.Type), ("@r", spec.Reference), ("@c", spec.Chart), ("@m", spec.Mirror ? 1 : 0),
            ("@next", nextSyncAt.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public SourceState? Find(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE kind = @k AND name = @n", ("@k", kind), ("@n", name));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadSource(reader) : null;
    }

    /// <summary>Every source of a kind, by name (for listings).</summary>
    public Dictionary<string, SourceState> All(string kind)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE kind = @k", ("@k", kind));
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
        using var command = connection.Command($"SELECT {SourceColumns} FROM external_sources WHERE next_sync_at <= @now ORDER BY next_sync_at LIMIT @limit",
            ("@now", now.ToUnixTimeMilliseconds()), ("@limit", limit));
        using var reader = command.ExecuteReader();
        var due = new List<SourceState>();
        while (reader.Read()) due.Add(ReadSource(reader));
        return due;
    }

    public void RecordSync(string kind, string name, DateTimeOffset at, string error, DateTimeOffset next)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_sources SET last_sync_at = @at, last_sync_error = @error, next_sync_at = @next WHERE kind = @k AND name = @n",
            ("@k", kind), ("@n", name), ("@at", at.ToUnixTimeMilliseconds()), ("@error", error), ("@next", next.ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void RemoveSource(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command("DELETE FROM external_sources WHERE kind = @k AND name = @n; DELETE FROM external_versions WHERE kind = @k AND name = @n; " +
            "DELETE FROM external_index_entries WHERE kind = @k AND name = @n",
            ("@k", kind), ("@n", name));
        command.ExecuteNonQuery();
    }

    public List<UpstreamVersion> Versions(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {VersionColumns} FROM external_versions WHERE kind = @k AND name = @n", ("@k", kind), ("@n", name));
        using var reader = command.ExecuteReader();
        var list = new List<UpstreamVersion>();
        while (reader.Read()) list.Add(ReadVersion(reader));
        return list;
    }

    public UpstreamVersion? FindVersion(string kind, string name, string version)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {VersionColumns} FROM external_versions WHERE kind = @k AND name = @n AND (version = @v OR tag = @v)",
            ("@k", kind), ("@n", name), ("@v", version));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadVersion(reader) : null;
    }

    /// <summary>A version seen upstream for the first time (listed, not imported yet).</summary>
    public void AddVersion(string kind, string name, string version, string tag, string location, string listedDigest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT INTO external_versions (kind, name, version, tag, location, listed_digest, first_seen_at) VALUES (@k, @n, @v, @t, @l, @d, @at) ON CONFLICT DO NOTHING",
            ("@k", kind), ("@n", name), ("@v", version), ("@t", tag), ("@l", location), ("@d", listedDigest), ("@at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void UpdateListing(string kind, string name, string version, string location, string listedDigest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_versions SET location = @l, listed_digest = @d WHERE kind = @k AND name = @n AND version = @v",
            ("@k", kind), ("@n", name), ("@v", version), ("@l", location), ("@d", listedDigest));
        command.ExecuteNonQuery();
    }

    public void MarkImported(string kind, string name, string version, string tag, string location, string digest)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT INTO external_versions (kind, name, version, tag, location, imported, imported_digest, first_seen_at) VALUES (@k, @n, @v, @t, @l, 1, @d, @at) " +
            "ON CONFLICT (kind, name, version) DO UPDATE SET imported = 1, imported_digest = @d, location = @l",
            ("@k", kind), ("@n", name), ("@v", version), ("@t", tag), ("@l", location), ("@d", digest), ("@at", clock.GetUtcNow().ToUnixTimeMilliseconds()));
        command.ExecuteNonQuery();
    }

    public void Flag(string kind, string name, string version, bool changed, string upstreamDigest, bool removed)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE external_versions SET changed = @c, upstream_digest = @u, removed = @r WHERE kind = @k AND name = @n AND version = @v",
            ("@k", kind), ("@n", name), ("@v", version), ("@c", changed ? 1 : 0), ("@u", upstreamDigest), ("@r", removed ? 1 : 0));
        command.ExecuteNonQuery();
    }

    /// <summary>A version upstream no longer lists and that was never imported: nothing here depends on it.</summary>
    public void Forget(string kind, string name, string version)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "DELETE FROM external_index_entries WHERE kind = @k AND name = @n AND version = @v AND " +
            "EXISTS (SELECT 1 FROM external_versions WHERE kind = @k AND name = @n AND version = @v AND imported = 0); " +
            "DELETE FROM external_versions WHERE kind = @k AND name = @n AND version = @v AND imported = 0",
            ("@k", kind), ("@n", name), ("@v", version));
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Records the Helm index entry of a listed version (its Chart.yaml fields as JSON, the archive's digest, when it was
    /// created) read from <paramref name="sourceDigest"/> (the manifest or index digest it came from); a no-op when it is
    /// already recorded as it is, so an unchanged upstream leaves <see cref="IndexStamp"/> unchanged.
    /// </summary>
    public void RecordIndexEntry(string kind, string name, string version, IndexEntry entry)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "INSERT INTO external_index_entries (kind, name, version, source_digest, created_at, digest, fields, seq) " +
            "VALUES (@k, @n, @v, @s, @c, @d, @f, (SELECT COALESCE(MAX(seq), 0) + 1 FROM external_index_entries)) " +
            "ON CONFLICT (kind, name, version) DO UPDATE SET source_digest = @s, created_at = @c, digest = @d, fields = @f, seq = excluded.seq " +
            "WHERE external_index_entries.source_digest <> @s OR external_index_entries.created_at <> @c OR external_index_entries.digest <> @d " +
            "OR external_index_entries.fields <> @f",
            ("@k", kind), ("@n", name), ("@v", version), ("@s", entry.SourceDigest), ("@c", entry.Created.ToUnixTimeMilliseconds()), ("@d", entry.Digest),
            ("@f", entry.Fields));
        command.ExecuteNonQuery();
    }

    /// <summary>The recorded index entries of a chart's listed versions, by version.</summary>
    public Dictionary<string, IndexEntry> IndexEntries(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "SELECT e.version, e.source_digest, e.created_at, e.digest, e.fields, COALESCE(v.imported, 0) FROM external_index_entries e " +
            "LEFT JOIN external_versions v ON v.kind = e.kind AND v.name = e.name AND v.version = e.version WHERE e.kind = @k AND e.name = @n",
            ("@k", kind), ("@n", name));
        using var reader = command.ExecuteReader();
        var entries = new Dictionary<string, IndexEntry>(StringComparer.Ordinal);
        while (reader.Read())
            entries[reader.GetString(0)] = new IndexEntry(reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetString(3),
                reader.GetString(4), reader.GetInt64(5) != 0);
        return entries;
    }

    /// <summary>Names of the charts of a kind with recorded index entries of versions not imported yet.</summary>
    public HashSet<string> NamesWithPendingEntries(string kind)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "SELECT DISTINCT e.name FROM external_index_entries e JOIN external_versions v ON v.kind = e.kind AND v.name = e.name AND v.version = e.version " +
            "WHERE e.kind = @k AND v.imported = 0", ("@k", kind));
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read()) names.Add(reader.GetString(0));
        return names;
    }

    /// <summary>Changes whenever an index entry is recorded, changed or forgotten, or a version is listed, imported or forgotten.</summary>
    public string IndexStamp(string kind)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "SELECT (SELECT COUNT(*) FROM external_index_entries WHERE kind = @k), (SELECT CAST(COALESCE(SUM(seq), 0) AS BIGINT) FROM external_index_entries WHERE kind = @k), " +
            "(SELECT COUNT(*) FROM external_versions WHERE kind = @k), (SELECT CAST(COALESCE(SUM(imported), 0) AS BIGINT) FROM external_versions WHERE kind = @k)", ("@k", kind));
        using var reader = command.ExecuteReader();
        reader.Read();
        return $"{reader.GetInt64(0)}:{reader.GetInt64(1)}:{reader.GetInt64(2)}:{reader.GetInt64(3)}";
    }

    /// <summary>The audit of what upstream did to versions imported here.</summary>
    public void Audit(string kind, string name, string version, string @event, string detail)
    {
        using var connection = schema.Open();
        using var command = connection.Command("INSERT INTO external_events (at, kind, name, version, event, detail) VALUES (@at, @k, @n, @v, @e, @d)",
            ("@at", clock.GetUtcNow().ToUnixTimeMilliseconds()), ("@k", kind), ("@n", name), ("@v", version), ("@e", @event), ("@d", detail));
        command.ExecuteNonQuery();
        trail.Record("external_source." + @event, GitOpsHQ.Server.Audit.AuditTarget.Artifact(kind, name, version), new { detail });
    }

    public List<(DateTimeOffset At, string Version, string Event, string Detail)> Events(string kind, string name)
    {
        using var connection = schema.Open();
        using var command = connection.Command("SELECT at, version, event, detail FROM external_events WHERE kind = @k AND name = @n ORDER BY at",
            ("@k", kind), ("@n", name));
        using var reader = command.ExecuteReader();
        var list = new List<(DateTimeOffset, string, string, string)>();
        while (reader.Read()) list.Add((DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        return list;
    }

    private const string SourceColumns = "kind, name, type, reference, chart, mirror, next_sync_at, last_sync_at, last_sync_error";

    private static SourceState ReadSource(DbDataReader r) => new(r.GetString(0), r.GetString(1),
        new ChartSourceSpec(r.GetString(2), r.GetString(3), r.GetString(4), r.GetInt64(5) != 0), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
        r.IsDBNull(7) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)), r.GetString(8));

    private const string VersionColumns =
        "version, tag, location, listed_digest, imported, imported_digest, upstream_digest, changed, removed, first_seen_at";

    private static UpstreamVersion ReadVersion(DbDataReader r) => new(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
        r.GetInt64(4) != 0, r.GetString(5), r.GetString(6), r.GetInt64(7) != 0, r.GetInt64(8) != 0, DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)));
}
