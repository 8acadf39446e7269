using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Hosting;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>A real server on a free 127.0.0.1 port with its own temporary data folder.</summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _ownsData;

    private TestServer(WebApplication app, string url, string dataPath, string adminToken, string? adminPassword, bool ownsData)
    {
        _app = app;
        Url = url;
        DataPath = dataPath;
        AdminToken = adminToken;
        AdminPassword = adminPassword;
        _ownsData = ownsData;
    }

    public string Url { get; }
    public string DataPath { get; }
    public string AdminToken { get; }

    /// <summary>The first admin's password, when this server created the data folder.</summary>
    public string? AdminPassword { get; }
    public IServiceProvider Services => _app.Services;

    /// <param name="settings">Extra command-line settings, e.g. "--Catalog:MaxFileBytes=1024".</param>
    public static Task<TestServer> StartAsync(string? dataPath = null, params string[] settings) => StartAsync(dataPath, null, settings);

    public static Task<TestServer> StartAsync(string? dataPath, TimeProvider? clock, params string[] settings) =>
        StartWithAsync(dataPath, clock, null, settings);

    /// <param name="configure">Runs on the host builder after the test defaults (e.g. to capture every log line).</param>
    public static async Task<TestServer> StartWithAsync(string? dataPath, TimeProvider? clock, Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        var ownsData = dataPath is null;
        dataPath ??= TempFolder.Create("data");
        var args = new[] { "--data", dataPath, "--urls", "http://127.0.0.1:0" }.Concat(DatabaseSettings(dataPath, settings)).Concat(settings).ToArray();
        var app = ServerApp.Build(args, b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            if (clock is not null) b.Services.AddSingleton(clock);
            configure?.Invoke(b);
        });
        var (url, firstAdmin) = await ServerApp.StartAsync(app);
        var token = firstAdmin?.Token ?? File.ReadAllText(Path.Combine(dataPath, "admin-token")).Trim();
        return new TestServer(app, url, dataPath, token, firstAdmin?.Password, ownsData);
    }

    /// <summary>
    /// The database every test server uses: the embedded SQLite file by default; with GITOPSHQ_TEST_DATABASE=postgres, a
    /// database of its own in the test process's PostgreSQL cluster, the same one again when a test restarts a server on
    /// the same data folder.
    /// </summary>
    public static bool OnPostgres { get; } = Environment.GetEnvironmentVariable("GITOPSHQ_TEST_DATABASE") == "postgres";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Databases = new(StringComparer.Ordinal);

    public static IEnumerable<string> DatabaseSettings(string dataPath, IEnumerable<string> settings)
    {
        if (!OnPostgres || settings.Any(s => s.StartsWith("--Database:", StringComparison.Ordinal))) return [];
        var connection = Databases.GetOrAdd(Path.GetFullPath(dataPath), _ => PostgresCluster.Instance.CreateDatabase());
        return ["--Database:Provider=postgres", "--Database:ConnectionString=" + connection];
    }

    /// <summary>A connection to the database of the server that ran (or runs) on <paramref name="dataPath"/>.</summary>
    public static System.Data.Common.DbConnection OpenDatabase(string dataPath)
    {
        if (Databases.TryGetValue(Path.GetFullPath(dataPath), out var postgres))
        {
            var connection = new Npgsql.NpgsqlConnection(postgres);
            connection.Open();
            return connection;
        }
        var sqlite = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(dataPath, "gitopshq.db")};Pooling=false");
        sqlite.Open();
        return sqlite;
    }

    /// <summary>
    /// Everything the database of the server on <paramref name="dataPath"/> stores, as bytes to search: the SQLite file and
    /// its write-ahead log, or every row of every PostgreSQL table as text.
    /// </summary>
    public static byte[] StoredBytes(string dataPath)
    {
        if (!Databases.ContainsKey(Path.GetFullPath(dataPath)))
        {
            var bytes = new List<byte>();
            foreach (var file in new[] { "gitopshq.db", "gitopshq.db-wal" }.Select(f => Path.Combine(dataPath, f)).Where(File.Exists))
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                bytes.AddRange(copy.ToArray());
            }
            return bytes.ToArray();
        }
        using var connection = OpenDatabase(dataPath);
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT tablename FROM pg_tables WHERE schemaname = 'public'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        var text = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            using var rows = connection.CreateCommand();
            rows.CommandText = $"SELECT t::text FROM \"{table}\" t";
            using var reader = rows.ExecuteReader();
            while (reader.Read()) text.AppendLine(reader.GetString(0));
        }
        return System.Text.Encoding.UTF8.GetBytes(text.ToString());
    }

    public HttpClient Http(string? token = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        if (token != "") client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    /// <summary>Native gRPC over HTTP/2 cleartext.</summary>
    public GrpcChannel Grpc(string? token = null) =>
        GrpcChannel.ForAddress(Url, new GrpcChannelOptions { HttpHandler = new BearerHandler(token ?? AdminToken, new SocketsHttpHandler()) });

    /// <summary>gRPC-Web over HTTP/1.1, as the browser speaks it.</summary>
    public GrpcChannel GrpcWeb(string? token = null) =>
        GrpcChannel.ForAddress(Url, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new BearerHandler(token ?? AdminToken, new SocketsHttpHandler())),
            HttpVersion = new Version(1, 1),
        });

    /// <summary>Creates a user with the role and returns a personal access token for it.</summary>
    public async Task<string> TokenForAsync(string username, string role)
    {
        using var http = Http();
        (await http.PostAsJsonAsync("/api/v2/users", new { username, role })).EnsureSuccessStatusCode();
        var response = await http.PostAsJsonAsync("/api/v2/user/tokens", new { name = "test", username });
        response.EnsureSuccessStatusCode();
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return body["secret"]!.GetValue<string>();
    }

    public string RepositoryPath(string kind, string name) => Path.Combine(DataPath, "repos", kind, name + ".git");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsData) TempFolder.Delete(DataPath);
    }

    private sealed class BearerHandler(string token, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            if (token != "") request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return base.SendAsync(request, ct);
        }
    }
}
