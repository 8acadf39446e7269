using System.Data.Common;
using Npgsql;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// <c>migrate-db --to postgres --connection "Host=…;Database=…;Username=…" [--data DIR]</c>: copies the org database of an
/// embedded data folder (its SQLite file) into an empty PostgreSQL database, in one transaction: every table, every row,
/// the audit trail with its record ids. Repositories and blobs stay where they are; afterwards the server starts with
/// <c>--Database:Provider=postgres</c> and the same connection string on the same data folder.
/// </summary>
public static class DatabaseMigration
{
    /// <summary>Tables that others refer to come first.</summary>
    private static readonly string[] Order = ["users", "passwords", "access_tokens", "registry_tokens", "sessions"];

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? to = null, connection = null, data = "data";
        for (var i = 0; i < args.Length; i++)
        {
            var (key, value) = args[i].Split('=', 2) is [var k, var v] ? (k, v) : (args[i], i + 1 < args.Length ? args[++i] : null);
            switch (key)
            {
                case "--to": to = value; break;
                case "--connection": connection = value; break;
                case "--data": data = value; break;
                default:
                    error.WriteLine($"migrate-db: unknown option '{args[i]}'.");
                    error.WriteLine(Usage);
                    return 2;
            }
        }
        if (to is not ("postgres" or "postgresql") || string.IsNullOrWhiteSpace(connection) || string.IsNullOrWhiteSpace(data))
        {
            error.WriteLine(Usage);
            return 2;
        }
        try
        {
            var counts = Copy(new DataLayout(Path.GetFullPath(data!)), connection!);
            foreach (var (table, rows) in counts) output.WriteLine($"{table,-24} {rows,8} rows");
            output.WriteLine($"Copied {counts.Sum(c => c.Rows)} rows of {counts.Count} tables. Start the server with " +
                "--Database:Provider=postgres and the same --Database:ConnectionString on this data folder.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or IOException or ArgumentException)
        {
            error.WriteLine($"migrate-db: {e.Message}");
            return 1;
        }
    }

    public const string Usage = "usage: migrate-db --to postgres --connection \"Host=HOST;Database=DB;Username=USER;Password=…\" [--data DIR]";

    /// <summary>Copies every table; the rows copied per table. Refuses a target that already holds org data.</summary>
    public static List<(string Table, long Rows)> Copy(DataLayout layout, string connectionString)
    {
        if (!File.Exists(layout.Database))
            throw new InvalidOperationException($"{layout.Database} does not exist: --data names the data folder of an embedded server.");
        var source = new Database(layout);
        source.Migrate();
        var target = new Database(layout, new DatabaseOptions { Provider = "postgres", ConnectionString = connectionString });
        target.Migrate();

        using var from = source.Open();
        using var to = (NpgsqlConnection)target.Open();
        using var transaction = to.BeginWrite();
        var tables = Tables(from);
        foreach (var table in tables)
        {
            using var any = to.Command($"SELECT EXISTS (SELECT 1 FROM {table})");
            any.Transaction = transaction;
            if (any.ExecuteScalar() is true)
                throw new InvalidOperationException($"The PostgreSQL database already holds rows in {table}: migrate into an empty database.");
        }
        var counts = new List<(string, long)>();
        foreach (var table in tables)
        {
            var identity = IdentityColumns(to, transaction, table);
            using var read = from.Command($"SELECT * FROM {table}");
            using var reader = read.ExecuteReader();
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
            var insert = $"INSERT INTO {table} ({string.Join(", ", columns)}) {(identity.Count > 0 ? "OVERRIDING SYSTEM VALUE " : "")}" +
                         $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";
            long rows = 0;
            while (reader.Read())
            {
                using var write = to.Command(insert, columns.Select((_, i) => ("@p" + i, reader.IsDBNull(i) ? null : reader.GetValue(i))).ToArray());
                write.Transaction = transaction;
                write.ExecuteNonQuery();
                rows++;
            }
            foreach (var column in identity)
            {
                // The next record continues after the last copied id.
                using var next = to.Command($"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)");
                next.Transaction = transaction;
                next.ExecuteNonQuery();
            }
            counts.Add((table, rows));
        }
        transaction.Commit();
        return counts;
    }

    private static List<string> Tables(DbConnection sqlite)
    {
        using var command = sqlite.Command(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name");
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read()) names.Add(reader.GetString(0));
        return names.OrderBy(n => Array.IndexOf(Order, n) is var i && i >= 0 ? i : Order.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
    }

    private static List<string> IdentityColumns(DbConnection postgres, DbTransaction transaction, string table)
    {
        using var command = postgres.Command(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t AND is_identity = 'YES'",
            ("@t", table));
        command.Transaction = transaction;
        using var reader = command.ExecuteReader();
        var columns = new List<string>();
        while (reader.Read()) columns.Add(reader.GetString(0));
        return columns;
    }
}
