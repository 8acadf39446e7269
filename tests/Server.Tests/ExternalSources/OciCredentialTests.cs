using System.Net;
using System.Net.Sockets;
using System.Text;
using GitOpsHQ.Contracts.Sources.V1;
using GitOpsHQ.Server.Tests.Support;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.ExternalSources;

/// <summary>OCI credentials: CRUD, host normalisation, the secret kept encrypted, and Test Connection's handshake and its failures.</summary>
public sealed class OciCredentialTests
{
    [Fact]
    public async Task Credentials_are_created_listed_updated_and_deleted_by_admins_with_normalised_hosts_and_never_show_the_password()
    {
        await using var server = await ExternalSourceFixtures.StartAsync();
        using var api = server.Http();

        var (status, created) = await api.Post("/api/v2/org/oci-credentials",
            new { host = "HTTPS://Registry.Example.com:5000/charts/", username = "robot", password = "pa55word-one", insecure = false });
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("registry.example.com:5000", created.Str("host"));
        Assert.Equal("robot", created.Str("username"));
        Assert.Equal("admin", created.Str("createdBy"));
        Assert.False(created["insecure"]?.GetValue<bool>() ?? false);
        Assert.NotNull(created["createdAt"]);
        Assert.Null(created["password"]);
        var id = created.Str("id");

        // One credential per host, whatever the spelling; Docker Hub's names are one host.
        var (duplicate, refusal) = await api.Post("/api/v2/org/oci-credentials", new { host = "oci://registry.example.com:5000", username = "x", password = "y" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate);
        Assert.Contains("already an OCI credential for registry.example.com:5000", refusal.Str("message"));
        Assert.Equal("docker.io", (await server.AddCredentialAsync("registry-1.docker.io", "hub", "hub-token", insecure: false)).Str("host"));
        Assert.Equal(HttpStatusCode.Conflict, (await api.Post("/api/v2/org/oci-credentials", new { host = "https://docker.io/", username = "x", password = "y" })).Status);
        Assert.Equal("other.example.com", (await server.AddCredentialAsync("http://Other.Example.com/", "u", "p", insecure: true)).Str("host"));
        Assert.Equal(HttpStatusCode.BadRequest, (await api.Post("/api/v2/org/oci-credentials", new { host = "not a host", username = "x", password = "y" })).Status);

        var (_, list) = await api.Get("/api/v2/org/oci-credentials");
        Assert.Equal(["docker.io", "other.example.com", "registry.example.com:5000"], list["credentials"]!.AsArray().Select(c => c!.Str("host")));
        Assert.DoesNotContain("pa55word", list.ToJsonString());

        var (updated, changed) = await api.Put($"/api/v2/org/oci-credentials/{id}", new { username = "robot2", insecure = true });
        Assert.Equal(HttpStatusCode.OK, updated);
        Assert.Equal("robot2", changed.Str("username"));
        Assert.True(changed["insecure"]!.GetValue<bool>());
        Assert.Equal("registry.example.com:5000", changed.Str("host"));

        // Admins only, on every door.
        var editor = await server.TokenForAsync("erin", "EDITOR");
        using (var asEditor = server.Http(editor))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await asEditor.Get("/api/v2/org/oci-credentials")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await asEditor.Post("/api/v2/org/oci-credentials", new { host = "a.example", username = "x", password = "y" })).Status);
        }
        using (var channel = server.Grpc())
        {
            var client = new GitOpsHQ.Contracts.Sources.V1.ExternalSources.ExternalSourcesClient(channel);
            var listed = await client.ListOciCredentialsAsync(new ListOciCredentialsRequest());
            Assert.Equal(3, listed.Credentials.Count);
            var denied = await Assert.ThrowsAsync<RpcException>(async () =>
                await new GitOpsHQ.Contracts.Sources.V1.ExternalSources.ExternalSourcesClient(server.Grpc(editor)).ListOciCredentialsAsync(new ListOciCredentialsRequest()));
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
        using (var web = server.GrpcWeb())
            Assert.Equal(3, (await new GitOpsHQ.Contracts.Sources.V1.ExternalSources.ExternalSourcesClient(web).ListOciCredentialsAsync(new ListOciCredentialsRequest())).Credentials.Count);

        Assert.Equal(HttpStatusCode.OK, (await api.Delete($"/api/v2/org/oci-credentials/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Get($"/api/v2/org/oci-credentials/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Delete($"/api/v2/org/oci-credentials/{id}")).Status);
    }

    [DistributionFact]
    public async Task Test_connection_speaks_basic_to_a_distribution_registry_and_the_secret_is_nowhere_in_plaintext()
    {
        await using var registry = await DistributionRegistry.StartAsync();
        var logs = new CapturedLogs();
        await using var server = await TestServer.StartWithAsync(null, null, b =>
        {
            b.Logging.AddProvider(logs);
            b.Logging.AddFilter<CapturedLogs>(null, LogLevel.Trace);
        }, ExternalSourceFixtures.Settings);
        var good = await server.AddCredentialAsync(registry.Host, DistributionRegistry.Username, registry.Password);
        var (ok, message) = await server.TestCredentialAsync(good.Str("id"));
        Assert.True(ok, message);
        Assert.Contains("Basic", message);

        using var api = server.Http();
        var (_, stored) = await api.Get($"/api/v2/org/oci-credentials/{good.Str("id")}");
        Assert.True(stored["lastTest"]!["success"]!.GetValue<bool>());
        Assert.Contains("Connected", stored["lastTest"]!.Str("message"));
        Assert.NotNull(stored["lastTest"]!["testedAt"]);

        // A wrong password is named as such, and stored as the last result.
        await api.Put($"/api/v2/org/oci-credentials/{good.Str("id")}", new { username = DistributionRegistry.Username, password = "not-the-password", insecure = true });
        var (wrong, why) = await server.TestCredentialAsync(good.Str("id"));
        Assert.False(wrong);
        Assert.Contains("Wrong credentials", why);
        Assert.False((await api.Get($"/api/v2/org/oci-credentials/{good.Str("id")}")).Body["lastTest"]!["success"]!.GetValue<bool>());
        await api.Put($"/api/v2/org/oci-credentials/{good.Str("id")}", new { username = DistributionRegistry.Username, password = registry.Password, insecure = true });
        Assert.True((await server.TestCredentialAsync(good.Str("id"))).Success);

        // Plain HTTP only for hosts marked insecure: the same registry over https fails the TLS handshake.
        await api.Put($"/api/v2/org/oci-credentials/{good.Str("id")}", new { username = DistributionRegistry.Username, insecure = false });
        var (tls, tlsWhy) = await server.TestCredentialAsync(good.Str("id"));
        Assert.False(tls);
        Assert.Contains("TLS", tlsWhy);

        // The secret was used, yet it is in no file of the data folder (database, WAL, key ring, repositories) nor any log line.
        var secret = Encoding.UTF8.GetBytes(registry.Password);
        foreach (var file in Directory.EnumerateFiles(server.DataPath, "*", SearchOption.AllDirectories))
            Assert.False(Contains(await File.ReadAllBytesAsync(file), secret), $"{file} holds the password in plaintext");
        Assert.False(Contains(TestServer.StoredBytes(server.DataPath), secret), "the database holds the password in plaintext");
        if (!TestServer.OnPostgres) Assert.True(File.Exists(Path.Combine(server.DataPath, "gitopshq.db")));
        Assert.DoesNotContain(registry.Password, logs.Text);
        Assert.Contains("Debug", logs.Text); // the log was captured at every level

        // The key ring is the server's alone.
        if (OperatingSystem.IsWindows()) return;
        var keys = Path.Combine(server.DataPath, "keys");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(keys));
        Assert.NotEmpty(Directory.GetFiles(keys));
        foreach (var key in Directory.GetFiles(keys)) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Fact]
    public async Task Test_connection_gets_a_bearer_token_from_another_gitopshq_server_and_names_wrong_credentials()
    {
        await using var upstream = await TestServer.StartAsync();
        using var upstreamApi = upstream.Http();
        var token = (await upstreamApi.Post("/api/v2/org/registry-tokens", new { name = "mirror", scope = "pull" })).Body.Str("value");
        await using var server = await ExternalSourceFixtures.StartAsync();
        var host = new Uri(upstream.Url).Authority;
        var credential = await server.AddCredentialAsync(host, "mirror", token);
        var (ok, message) = await server.TestCredentialAsync(credential.Str("id"), "charts/web");
        Assert.True(ok, message);
        Assert.Contains("Bearer", message);

        using var api = server.Http();
        await api.Put($"/api/v2/org/oci-credentials/{credential.Str("id")}", new { username = "mirror", password = "gq_wrong", insecure = true });
        var (wrong, why) = await server.TestCredentialAsync(credential.Str("id"));
        Assert.False(wrong);
        Assert.Contains("Wrong credentials", why);
    }

    [Fact]
    public async Task Test_connection_says_what_is_wrong_not_a_registry_refused_dns_timeout_tls_and_addresses_the_server_will_not_reach()
    {
        await using var server = await ExternalSourceFixtures.StartAsync("--ExternalSources:RequestTimeout=00:00:02");

        await using var website = await ChartHost.StartAsync();
        website.Serve("/", "<html>hello</html>", "text/html");
        Assert.Contains("Not a registry", await Failure(server, website.Host));

        Assert.Contains("connection was refused", await Failure(server, $"127.0.0.1:{Ports.Free()}"));
        Assert.Contains("DNS", await Failure(server, "no-such-registry.invalid"));

        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(); // accepts connections, never answers
        Assert.Contains("timeout", await Failure(server, $"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}"));

        await using var tls = await ChartHost.StartAsync(ExternalSourceFixtures.UntrustedCertificate());
        var tlsWhy = await Failure(server, tls.Host, insecure: false);
        Assert.Contains("TLS failure", tlsWhy);
        Assert.Contains("not trusted", tlsWhy);
        Assert.Contains("another name", tlsWhy);

        // Addresses the server never connects to unless their host is listed in ExternalSources:AllowedHosts.
        var metadata = await Failure(server, "169.254.169.254");
        Assert.Contains("169.254.169.254", metadata);
        Assert.Contains("link-local", metadata);
        Assert.Contains("ExternalSources:AllowedHosts", metadata);
        Assert.Contains("loopback", await Failure(server, $"localhost:{website.Uri.Port}"));
        Assert.Contains("private", await Failure(server, "10.1.2.3"));
        Assert.Contains("plain HTTP", await Failure(server, "registry.example.com", insecure: false, scheme: "http"));
    }

    private static async Task<string> Failure(TestServer server, string host, bool insecure = true, string scheme = "")
    {
        using var api = server.Http();
        var (_, existing) = await api.Get("/api/v2/org/oci-credentials");
        foreach (var c in existing["credentials"]!.AsArray()) await api.Delete($"/api/v2/org/oci-credentials/{c!.Str("id")}");
        if (scheme == "http")
        {
            // No credential marks it insecure, and it is not an allowed host: a plain HTTP chart URL is refused.
            var (status, body) = await api.Post("/api/v2/org-charts", new { name = "plain", source = new { url = new { archive = $"http://{host}/c-1.0.0.tgz" } } });
            Assert.Equal(HttpStatusCode.Forbidden, status);
            return body.Str("message");
        }
        var credential = await server.AddCredentialAsync(host, "user", "secret-value", insecure);
        var (ok, message) = await server.TestCredentialAsync(credential.Str("id"));
        Assert.False(ok, message);
        return message;
    }
}
