using System.Net;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Storage;

/// <summary>
/// What both database engines must do alike: schema steps applied once however many servers start at once, writers taking
/// turns (one of many racing creates wins), refusals of the same kind; and the move of an embedded data folder's database
/// to PostgreSQL with <c>migrate-db</c>.
/// </summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public void Sqlite_schema_steps_run_once_when_servers_start_at_once() => SchemaStepsRunOnce(TempFolder.Create("schema"), null);

    [PostgresFact]
    public void Postgres_schema_steps_run_once_when_servers_start_at_once() =>
        SchemaStepsRunOnce(TempFolder.Create("schema"), PostgresCluster.Instance.CreateDatabase());

    private static void SchemaStepsRunOnce(string data, string? postgres)
    {
        try
        {
            var layout = new DataLayout(data);
            layout.EnsureCreated();
            var options = postgres is null ? new DatabaseOptions() : new DatabaseOptions { Provider = "postgres", ConnectionString = postgres };
            Parallel.For(0, 6, _ =>
            {
                var database = new Database(layout, options);
                database.Migrate();
                database.Migrate();
            });
            using var connection = new Database(layout, options).Open();
            using var command = connection.Command("SELECT module, COUNT(*) FROM schema_migrations GROUP BY module ORDER BY module");
            using var reader = command.ExecuteReader();
            var steps = new List<string>();
            while (reader.Read()) steps.Add($"{reader.GetString(0)}={reader.GetInt64(1)}");
            Assert.Equal(["core=1", "external-sources=1", "workloads=1"], steps);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [Fact]
    public Task Sqlite_racing_creates_of_one_user_have_one_winner() => RacingCreates([]);

    [PostgresFact]
    public Task Postgres_racing_creates_of_one_user_have_one_winner() =>
        RacingCreates(["--Database:Provider=postgres", "--Database:ConnectionString=" + PostgresCluster.Instance.CreateDatabase()]);

    private static async Task RacingCreates(string[] settings)
    {
        await using var server = await TestServer.StartAsync(null, settings);
        using var admin = server.Http();
        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            admin.Post("/api/v2/users", new { username = "racer", role = "VIEWER" })));
        Assert.Single(results, r => r.Status == HttpStatusCode.Created);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Contains("already exists", r.Body.Str("message"));
        });
        // And exactly one audit record of the creation.
        var (_, audit) = await admin.Get("/api/v2/org/audit?action=user.created&pageSize=500");
        Assert.Single(audit["records"]!.AsArray(), r => r!.Str("targetName") == "racer");
    }

    [Fact]
    public void An_unknown_provider_or_a_postgres_without_connection_is_refused_with_the_setting_named()
    {
        var unknown = Assert.Throws<InvalidOperationException>(() => new DatabaseOptions { Provider = "mysql" }.Parse());
        Assert.Contains("Database:Provider 'mysql' is not known", unknown.Message);
        var bare = Assert.Throws<InvalidOperationException>(() => new DatabaseOptions { Provider = "postgres" }.Parse());
        Assert.Contains("Database:ConnectionString", bare.Message);
    }

    [PostgresFact]
    public async Task Migrate_db_moves_an_embedded_folder_to_postgres_and_the_server_carries_on_there()
    {
        var data = TempFolder.Create("migrate");
        try
        {
            string viewerToken;
            long auditCount;
            await using (var embedded = await TestServer.StartAsync(data, "--Database:Provider=sqlite"))
            {
                using var admin = embedded.Http();
                viewerToken = await embedded.TokenForAsync("vera", "VIEWER");
                await admin.Post("/api/v2/org-charts", new { name = "web", scaffold = true, description = "Web tier" });
                Assert.Equal(HttpStatusCode.Created, (await admin.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" })).Status);
                await admin.Post("/api/v2/org/registry-tokens", new { name = "flux", scope = "pull", expiresInDays = 30 });
                auditCount = Count(TestServer.OpenDatabase(data), "audit_log");
                Assert.True(auditCount >= 5);
            }

            var target = PostgresCluster.Instance.CreateDatabase();
            var output = new StringWriter();
            var error = new StringWriter();
            Assert.Equal(0, DatabaseMigration.Run(["--to", "postgres", "--connection", target, "--data", data], output, error));
            Assert.Equal("", error.ToString());
            Assert.Contains("audit_log", output.ToString());

            // A second run into the same database is refused and changes nothing.
            var again = new StringWriter();
            Assert.Equal(1, DatabaseMigration.Run(["--to", "postgres", "--connection", target, "--data", data], new StringWriter(), again));
            Assert.Contains("already holds rows", again.ToString());

            await using (var moved = await TestServer.StartAsync(data, "--Database:Provider=postgres", "--Database:ConnectionString=" + target))
            {
                using var viewer = moved.Http(viewerToken);
                var (status, charts) = await viewer.Get("/api/v2/org-charts");
                Assert.Equal(HttpStatusCode.OK, status);
                var web = Assert.Single(charts["artifacts"]!.AsArray())!;
                Assert.Equal("0.1.0", web.Str("latestVersion"));
                Assert.Equal("Web tier", web.Str("description"));
                using var admin = moved.Http();
                var (_, tokens) = await admin.Get("/api/v2/org/registry-tokens");
                Assert.Contains(tokens["tokens"]!.AsArray(), t => t!.Str("name") == "flux");
                // The trail continues after the copied records, ids in order.
                await admin.Post("/api/v2/users", new { username = "after", role = "VIEWER" });
                using var connection = new Npgsql.NpgsqlConnection(target);
                connection.Open();
                Assert.Equal(auditCount + 1, Count(connection, "audit_log"));
                var (_, newest) = await admin.Get("/api/v2/org/audit?pageSize=1");
                Assert.Equal("user.created", newest["records"]![0]!.Str("action"));
                Assert.True(long.Parse(newest["records"]![0]!["id"]!.ToString()) > auditCount);
            }
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [PostgresFact]
    public async Task A_backup_as_the_operations_guide_takes_it_restores_into_an_empty_folder_and_database()
    {
        var data = TempFolder.Create("backup");
        var restored = TempFolder.Create("restored");
        var archive = Path.Combine(TempFolder.Create("archive"), "backup");
        try
        {
            var database = PostgresCluster.Instance.CreateDatabase();
            string token;
            await using (var server = await TestServer.StartAsync(data, "--Database:Provider=postgres", "--Database:ConnectionString=" + database))
            {
                using var admin = server.Http();
                token = await server.TokenForAsync("bea", "EDITOR");
                Assert.Equal(HttpStatusCode.Created, (await admin.Post("/api/v2/org-charts", new { name = "kept", scaffold = true })).Status);
                Assert.Equal(HttpStatusCode.Created, (await admin.Post("/api/v2/org-charts/kept/versions", new { version = "0.1.0" })).Status);
            }
            // Database first, then the folder's repositories, registry, key ring and admin files.
            var dump = Command.Run(Path.Combine(PostgresCluster.Bin!, "pg_dump"), ["-Fc", "-f", archive + ".dump", Uri(database)]);
            Assert.True(dump.Code == 0, dump.Error);
            var tar = Command.Run("tar", ["-C", data, "-czf", archive + ".tgz", "repos", "registry", "keys", "admin-token", "admin-password"]);
            Assert.True(tar.Code == 0, tar.Error);

            var empty = PostgresCluster.Instance.CreateDatabase();
            var restore = Command.Run(Path.Combine(PostgresCluster.Bin!, "pg_restore"), ["-d", Uri(empty), archive + ".dump"]);
            Assert.True(restore.Code == 0, restore.Error);
            Assert.Equal(0, Command.Run("tar", ["-C", restored, "-xzf", archive + ".tgz"]).Code);
            await using (var server = await TestServer.StartAsync(restored, "--Database:Provider=postgres", "--Database:ConnectionString=" + empty))
            {
                using var bea = server.Http(token);
                var (status, chart) = await bea.Get("/api/v2/org-charts/kept");
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal("0.1.0", chart.Str("latestVersion"));
                using var oci = OciHttp.Client(server, token);
                Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/charts/kept/manifests/0.1.0")).StatusCode);
            }
        }
        finally
        {
            TempFolder.Delete(data);
            TempFolder.Delete(restored);
            TempFolder.Delete(Path.GetDirectoryName(archive)!);
        }
    }

    /// <summary>A connection string as the URI that PostgreSQL's own tools take.</summary>
    private static string Uri(string connection)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connection);
        return $"postgresql://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
    }

    [Fact]
    public void Migrate_db_says_how_to_use_it()
    {
        var error = new StringWriter();
        Assert.Equal(2, DatabaseMigration.Run(["--to", "mysql"], new StringWriter(), error));
        Assert.Contains("usage: migrate-db --to postgres --connection", error.ToString());
        var missing = new StringWriter();
        Assert.Equal(1, DatabaseMigration.Run(["--to", "postgres", "--connection", "Host=127.0.0.1", "--data", TempFolder.Create("none")],
            new StringWriter(), missing));
        Assert.Contains("does not exist", missing.ToString());
    }

    private static long Count(System.Data.Common.DbConnection connection, string table)
    {
        using (connection)
        {
            using var command = connection.Command($"SELECT COUNT(*) FROM {table}");
            return Convert.ToInt64(command.ExecuteScalar());
        }
    }
}

public sealed class ReplicaDatabaseTests
{
    [Fact]
    public void Several_replicas_on_the_embedded_database_are_refused_with_the_setting_named()
    {
        var data = TempFolder.Create("replicas");
        try
        {
            var refused = Assert.Throws<InvalidOperationException>(() =>
                Hosting.ServerApp.Build(["--data", data, "--urls", "http://127.0.0.1:0", "--Cluster:Replicas=3", "--Redis:Configuration=127.0.0.1:1"]));
            Assert.Contains("Database:Provider=postgres", refused.Message);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
