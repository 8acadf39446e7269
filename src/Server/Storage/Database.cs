using System.Data;
using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GitOpsHQ.Server.Storage;

/// <summary>Which engine holds org state: the embedded SQLite file in the data folder, or a PostgreSQL database that several replicas share.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Database:Provider (<c>sqlite</c>, the default, or <c>postgres</c>) and Database:ConnectionString (PostgreSQL's).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public string Provider { get; set; } = "sqlite";
    public string ConnectionString { get; set; } = "";

    public DatabaseProvider Parse() => Provider.Trim().ToLowerInvariant() switch
    {
        "sqlite" or "" => DatabaseProvider.Sqlite,
        "postgres" or "postgresql" => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException(
                "Database:Provider=postgres needs Database:ConnectionString (for example \"Host=db;Database=gitopshq;Username=gitopshq;Password=…\").")
            : DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Database:Provider '{Provider}' is not known: use sqlite (the default) or postgres."),
    };
}

/// <summary>
/// The org database: users, passwords, tokens, browser sessions, the audit trail, each module's tables and the derived
/// catalog index. SQLite in the data folder by default; PostgreSQL when replicas share it. Every statement is written once
/// in the SQL both engines read (named parameters as <c>@name</c>, upserts as <c>ON CONFLICT</c>); only the schemas differ.
/// </summary>
public sealed class Database
{
    private readonly string _connectionString;
    private readonly string _path;
    /// <summary>Every module's tables, in the order their steps apply.</summary>
    private static readonly SchemaModule[] Modules = [CoreSchema.Module, ExternalSources.ExternalSourcesSchema.Module, Workloads.WorkloadStore.Module];

    private readonly Lock _gate = new();
    private volatile bool _migrated;

    public Database(DataLayout layout) : this(layout, new DatabaseOptions())
    {
    }

    public Database(DataLayout layout, DatabaseOptions options)
    {
        Provider = options.Parse();
        _path = layout.Database;
        _connectionString = Provider == DatabaseProvider.Postgres
            ? new NpgsqlConnectionStringBuilder(options.ConnectionString) { Enlist = false }.ToString()
            : new SqliteConnectionStringBuilder
            {
                DataSource = layout.Database,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Cache = SqliteCacheMode.Private,
                Pooling = true,
                DefaultTimeout = 30,
            }.ToString();
    }

    public DatabaseProvider Provider { get; }

    /// <summary>Where the data lives, for messages: the SQLite file, or PostgreSQL's host and database (never its password).</summary>
    public string Describe()
    {
        if (Provider == DatabaseProvider.Sqlite) return _path;
        var builder = new NpgsqlConnectionStringBuilder(_connectionString);
        return $"postgres://{builder.Host}:{builder.Port}/{builder.Database}";
    }

    /// <summary>
    /// Brings every module's schema up to date (the first connection asked for does it, if start-up has not): each numbered step runs once and is recorded in
    /// <c>schema_migrations</c>. Idempotent, and safe when several replicas start at once (PostgreSQL: under an advisory
    /// lock; SQLite: in one immediate transaction), as every write transaction is.
    /// </summary>
    public void Migrate()
    {
        if (Provider == DatabaseProvider.Sqlite) PrepareSqliteFile();
        lock (_gate)
        {
            using var connection = OpenRaw();
            Apply(connection, Modules);
            _migrated = true;
        }
    }

    private void Apply(DbConnection connection, IReadOnlyCollection<SchemaModule> modules)
    {
        if (Provider == DatabaseProvider.Sqlite) Execute(connection, "PRAGMA journal_mode = WAL;");
        using var transaction = connection.BeginWrite();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                module     TEXT NOT NULL,
                version    BIGINT NOT NULL,
                applied_at BIGINT NOT NULL,
                PRIMARY KEY (module, version)
            )
            """, transaction);
        foreach (var module in modules)
        {
            for (var i = 0; i < module.Steps.Count; i++)
            {
                var version = i + 1;
                using (var check = connection.Command("SELECT 1 FROM schema_migrations WHERE module = @m AND version = @v", ("@m", module.Name), ("@v", version)))
                {
                    check.Transaction = transaction;
                    if (check.ExecuteScalar() is not null) continue;
                }
                var step = module.Steps[i];
                Execute(connection, Provider == DatabaseProvider.Postgres ? step.Postgres : step.Sqlite, transaction);
                using var record = connection.Command("INSERT INTO schema_migrations (module, version, applied_at) VALUES (@m, @v, @t)",
                    ("@m", module.Name), ("@v", version), ("@t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
                record.Transaction = transaction;
                record.ExecuteNonQuery();
            }
        }
        transaction.Commit();
    }

    /// <summary>Users and token hashes: readable by the server's user only, and so are SQLite's -wal and -shm files.</summary>
    private void PrepareSqliteFile()
    {
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        if (OperatingSystem.IsWindows()) return;
        if (!File.Exists(_path))
        {
            try
            {
                using var created = new FileStream(_path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = ownerOnly });
            }
            catch (IOException) when (File.Exists(_path))
            {
                // Another server starting on the folder created it first.
            }
        }
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" }.Where(File.Exists))
            File.SetUnixFileMode(file, ownerOnly);
    }

    /// <summary>
    /// The key of the lock every write transaction (schema migrations included) takes on PostgreSQL (see
    /// <see cref="DbExtensions.BeginWrite"/>); one no other user of a shared PostgreSQL is likely to pick.
    /// </summary>
    internal const long WriteLock = 0x6769746f70730002;

    public DbConnection Open()
    {
        if (!_migrated) Migrate();
        return OpenRaw();
    }

    private DbConnection OpenRaw()
    {
        if (Provider == DatabaseProvider.Postgres)
        {
            var postgres = new NpgsqlConnection(_connectionString);
            postgres.Open();
            return postgres;
        }
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA busy_timeout = 30000; PRAGMA synchronous = NORMAL;");
        return connection;
    }

    private static void Execute(DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    /// <summary>A row's unique key or a constraint refused the write (a duplicate name, host or email).</summary>
    public static bool IsConstraintViolation(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        PostgresException postgres => postgres.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation
            or PostgresErrorCodes.NotNullViolation or PostgresErrorCodes.CheckViolation,
        _ => false,
    };
}

/// <summary>One module's tables: numbered steps, each written for both engines, applied in order and never changed once shipped.</summary>
public sealed record SchemaModule(string Name, IReadOnlyList<SchemaStep> Steps);

public sealed record SchemaStep(string Sqlite, string Postgres)
{
    /// <summary>
    /// Tables written once, in SQLite's words, that PostgreSQL reads with its own types: <c>INTEGER</c> as <c>BIGINT</c>,
    /// <c>BLOB</c> as <c>BYTEA</c>, an <c>AUTOINCREMENT</c> key as an identity column, no <c>WITHOUT ROWID</c>; and what
    /// each engine says differently (triggers) beside them.
    /// </summary>
    public static SchemaStep Tables(string sqlite, string sqliteOnly = "", string postgresOnly = "")
    {
        var postgres = Regex.Replace(sqlite, @"INTEGER PRIMARY KEY AUTOINCREMENT", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");
        postgres = Regex.Replace(postgres, @"\bINTEGER\b", "BIGINT");
        postgres = Regex.Replace(postgres, @"\bBLOB\b", "BYTEA");
        postgres = postgres.Replace(") WITHOUT ROWID;", ");");
        return new SchemaStep(sqlite + sqliteOnly, postgres + postgresOnly);
    }
}

public static class DbExtensions
{
    public static DbCommand Command(this DbConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>
    /// A write transaction. Writers take turns, as SQLite has them take turns: on SQLite the transaction is immediate; on
    /// PostgreSQL it holds a transaction-scoped advisory lock, and each later statement reads committed data as of its own
    /// start, so a read-then-write inside it sees every earlier writer's change and no later one's.
    /// </summary>
    public static DbTransaction BeginWrite(this DbConnection connection)
    {
        var postgres = connection is NpgsqlConnection;
        var transaction = connection.BeginTransaction(postgres ? IsolationLevel.ReadCommitted : IsolationLevel.Serializable);
        if (postgres)
        {
            using var command = connection.Command($"SELECT pg_advisory_xact_lock({Database.WriteLock})");
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        return transaction;
    }

    public static long? NullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
