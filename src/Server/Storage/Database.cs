using Microsoft.Data.Sqlite;

namespace GitOpsHQ.Server.Storage;

/// <summary>The embedded SQLite database of org state (users, passwords, tokens, browser sessions, the audit trail) and the derived catalog index.</summary>
public sealed class Database
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
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
        CREATE TRIGGER IF NOT EXISTS audit_log_append_only BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit records cannot be changed'); END;
        """;

    private readonly string _connectionString;
    private readonly string _path;

    public Database(DataLayout layout)
    {
        _path = layout.Database;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = layout.Database,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }

    public void Migrate()
    {
        // Users and token hashes: readable by the server's user only. The file is created owner-only before SQLite
        // opens it, so its -wal and -shm files (SQLite gives them the database's mode) are too.
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (!OperatingSystem.IsWindows())
        {
            if (!File.Exists(_path))
            {
                using var created = new FileStream(_path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
            }
            foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }.Where(File.Exists))
            {
                File.SetUnixFileMode(file, ownerOnly);
            }
        }
        using var connection = Open();
        Execute(connection, Schema);
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

public static class SqliteExtensions
{
    public static SqliteCommand Command(this SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }

    public static long? NullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
