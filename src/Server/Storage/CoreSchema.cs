namespace GitOpsHQ.Server.Storage;

/// <summary>The core tables: users, passwords, tokens, browser sessions, the catalog index and the append-only audit trail.</summary>
public static class CoreSchema
{
    private const string Tables = """
        CREATE TABLE IF NOT EXISTS users (
            username   TEXT PRIMARY KEY,
            name       TEXT NOT NULL,
            email      TEXT NOT NULL,
            role       INTEGER NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS users_email ON users(email);
        CREATE TABLE IF NOT EXISTS access_tokens (
            id           TEXT PRIMARY KEY,
            username     TEXT NOT NULL REFERENCES users(username),
            name         TEXT NOT NULL,
            hash         BLOB NOT NULL UNIQUE,
            created_at   INTEGER NOT NULL,
            expires_at   INTEGER,
            last_used_at INTEGER,
            revoked_at   INTEGER
        );
        CREATE TABLE IF NOT EXISTS registry_tokens (
            id           TEXT PRIMARY KEY,
            name         TEXT NOT NULL,
            scope        TEXT NOT NULL,
            hash         BLOB NOT NULL UNIQUE,
            created_by   TEXT NOT NULL REFERENCES users(username),
            created_at   INTEGER NOT NULL,
            expires_at   INTEGER,
            last_used_at INTEGER,
            revoked_at   INTEGER
        );
        CREATE TABLE IF NOT EXISTS passwords (
            username   TEXT PRIMARY KEY REFERENCES users(username),
            hash       TEXT NOT NULL,
            changed_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sessions (
            id           TEXT PRIMARY KEY,
            username     TEXT NOT NULL REFERENCES users(username),
            hash         BLOB NOT NULL UNIQUE,
            token_id     TEXT,
            created_at   INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            ends_at      INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS sessions_username ON sessions(username);
        CREATE TABLE IF NOT EXISTS artifacts (
            kind           TEXT NOT NULL,
            name           TEXT NOT NULL,
            description    TEXT NOT NULL,
            latest_version TEXT NOT NULL,
            version_count  INTEGER NOT NULL,
            head_commit    TEXT NOT NULL,
            created_at     INTEGER NOT NULL,
            updated_at     INTEGER NOT NULL,
            PRIMARY KEY (kind, name)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS audit_log (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            at             INTEGER NOT NULL,
            actor          TEXT NOT NULL,
            address        TEXT NOT NULL,
            credential     TEXT NOT NULL,
            door           TEXT NOT NULL,
            action         TEXT NOT NULL,
            target_kind    TEXT NOT NULL,
            target_name    TEXT NOT NULL,
            target_version TEXT NOT NULL,
            details        TEXT NOT NULL
        );
        CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log(at);
        CREATE INDEX IF NOT EXISTS audit_log_actor ON audit_log(actor, id);
        CREATE INDEX IF NOT EXISTS audit_log_target ON audit_log(target_kind, target_name, id);
        """;

    private const string SqliteTrigger = """
        CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
        """;

    private const string PostgresTrigger = """
        CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
        'BEGIN RAISE EXCEPTION ''audit records cannot be changed''; END';
        DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
        CREATE TRIGGER audit_log_append_only BEFORE UPDATE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
        """;

    public static SchemaModule Module { get; } = new("core", [SchemaStep.Tables(Tables, SqliteTrigger, PostgresTrigger)]);
}
