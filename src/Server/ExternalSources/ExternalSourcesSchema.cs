using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>
/// The tables of external sources in the org database: credentials (secrets encrypted with Data Protection), each
/// source's sync state, the versions upstream lists with what was imported and what upstream serves now, the Helm
/// repository index entries of listed versions (read at discovery, so they are listed before they are imported), and the
/// audit of upstream changes. Created with the other tables (<see cref="Database.Migrate"/>).
/// </summary>
public sealed class ExternalSourcesSchema(Database database)
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS source_credentials (
            id                TEXT PRIMARY KEY,
            host              TEXT NOT NULL UNIQUE,
            username          TEXT NOT NULL,
            secret            BLOB NOT NULL,
            auth_type         TEXT NOT NULL,
            insecure          INTEGER NOT NULL,
            created_by        TEXT NOT NULL,
            created_at        INTEGER NOT NULL,
            updated_at        INTEGER NOT NULL,
            last_test_at      INTEGER,
            last_test_success INTEGER,
            last_test_message TEXT
        );
        CREATE TABLE IF NOT EXISTS external_sources (
            kind            TEXT NOT NULL,
            name            TEXT NOT NULL,
            type            TEXT NOT NULL,
            reference       TEXT NOT NULL,
            chart           TEXT NOT NULL,
            mirror          INTEGER NOT NULL,
            next_sync_at    INTEGER NOT NULL,
            last_sync_at    INTEGER,
            last_sync_error TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (kind, name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS external_sources_due ON external_sources(next_sync_at);
        CREATE TABLE IF NOT EXISTS external_versions (
            kind             TEXT NOT NULL,
            name             TEXT NOT NULL,
            version          TEXT NOT NULL,
            tag              TEXT NOT NULL,
            location         TEXT NOT NULL,
            listed_digest    TEXT NOT NULL DEFAULT '',
            imported         INTEGER NOT NULL DEFAULT 0,
            imported_digest  TEXT NOT NULL DEFAULT '',
            upstream_digest  TEXT NOT NULL DEFAULT '',
            changed          INTEGER NOT NULL DEFAULT 0,
            removed          INTEGER NOT NULL DEFAULT 0,
            first_seen_at    INTEGER NOT NULL,
            PRIMARY KEY (kind, name, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS external_index_entries (
            kind           TEXT NOT NULL,
            name           TEXT NOT NULL,
            version        TEXT NOT NULL,
            source_digest  TEXT NOT NULL,
            created_at     INTEGER NOT NULL,
            digest         TEXT NOT NULL,
            fields         TEXT NOT NULL,
            seq            INTEGER NOT NULL,
            PRIMARY KEY (kind, name, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS external_events (
            at      INTEGER NOT NULL,
            kind    TEXT NOT NULL,
            name    TEXT NOT NULL,
            version TEXT NOT NULL,
            event   TEXT NOT NULL,
            detail  TEXT NOT NULL
        );
        """;

    public static SchemaModule Module { get; } = new("external-sources", [SchemaStep.Tables(Schema)]);

    public System.Data.Common.DbConnection Open() => database.Open();
}
