using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// Debian's docker-registry (CNCF Distribution) on a free 127.0.0.1 port with a temporary storage folder and htpasswd
/// (Basic) authentication, stopped and removed on dispose.
/// </summary>
public sealed class DistributionRegistry : IAsyncDisposable
{
    public const string Program = "/usr/bin/docker-registry";
    public const string Username = "mirror";

    private readonly Process _process;
    private readonly string _folder;

    private DistributionRegistry(Process process, string folder, int port, string password)
    {
        _process = process;
        _folder = folder;
        Port = port;
        Password = password;
    }

    public int Port { get; }
    public string Password { get; }
    public string Host => $"127.0.0.1:{Port}";
    public Uri Url => new($"http://{Host}");

    /// <summary>Why the registry cannot run here, or null.</summary>
    public static string? MissingReason() =>
        !File.Exists(Program) ? "Debian's docker-registry is not installed (scripts/prerequisites.sh installs it)"
        : Which("htpasswd") is null ? "htpasswd (apache2-utils) is not installed (scripts/prerequisites.sh installs it)"
        : null;

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public static async Task<DistributionRegistry> StartAsync()
    {
        var folder = TempFolder.Create("distribution");
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var (code, htpasswd, error) = Command.Run(Which("htpasswd")!, ["-Bbn", Username, password]);
        if (code != 0) throw new InvalidOperationException("htpasswd failed: " + error);
        await File.WriteAllTextAsync(Path.Combine(folder, "htpasswd"), htpasswd.Trim() + "\n");
        var port = Ports.Free();
        await File.WriteAllTextAsync(Path.Combine(folder, "config.yml"), $"""
            version: 0.1
            log:
              level: error
              accesslog:
                disabled: true
            storage:
              filesystem:
                rootdirectory: {folder}/storage
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            auth:
              htpasswd:
                realm: test-registry
                path: {folder}/htpasswd
            """);
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add(Path.Combine(folder, "config.yml"));
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var registry = new DistributionRegistry(process, folder, port, password);
        using var probe = new HttpClient();
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await probe.GetAsync(registry.Url + "v2/");
                if (response.StatusCode == HttpStatusCode.Unauthorized) return registry;
            }
            catch (HttpRequestException) when (i < 100)
            {
            }
            if (process.HasExited || i >= 100)
            {
                await registry.DisposeAsync();
                throw new InvalidOperationException("docker-registry did not start");
            }
            await Task.Delay(100);
        }
    }

    public HttpClient Client()
    {
        var client = new HttpClient { BaseAddress = Url };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Username}:{Password}")));
        return client;
    }

    /// <summary>Pushes a chart as helm push does (config, layer, manifest under the version's tag); returns the manifest's bytes and digest.</summary>
    public async Task<(byte[] Manifest, string Digest, byte[] Archive)> PushChartAsync(string repository, string name, string version, string? template = null)
    {
        var archive = ChartArchive.Create(name, version, template);
        var config = ChartArchive.Config(name, version);
        using var http = Client();
        var configDigest = await PushBlobAsync(http, repository, config);
        var layerDigest = await PushBlobAsync(http, repository, archive);
        var manifest = ChartArchive.Manifest(configDigest, config.Length, layerDigest, archive.Length, name, version);
        await PutManifestAsync(repository, version.Replace('+', '_'), manifest);
        return (manifest, OciLayout.Digest(manifest), archive);
    }

    public async Task PutManifestAsync(string repository, string reference, byte[] manifest)
    {
        using var http = Client();
        using var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var response = await http.PutAsync($"/v2/{repository}/manifests/{reference}", content);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"manifest push: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task DeleteTagAsync(string repository, string digest)
    {
        using var http = Client();
        var response = await http.DeleteAsync($"/v2/{repository}/manifests/{digest}");
        if (response.StatusCode != HttpStatusCode.Accepted)
            throw new InvalidOperationException($"manifest delete: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> PushBlobAsync(HttpClient http, string repository, byte[] content)
    {
        var digest = OciLayout.Digest(content);
        var started = await http.PostAsync($"/v2/{repository}/blobs/uploads/", null);
        if (started.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"upload start: {started.StatusCode}");
        var location = started.Headers.Location!;
        var target = location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location);
        var put = target + (target.Query.Length > 0 ? "&" : "?") + "digest=" + Uri.EscapeDataString(digest);
        using var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var finished = await http.PutAsync(put, body);
        if (finished.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload: {finished.StatusCode} {await finished.Content.ReadAsStringAsync()}");
        return digest;
    }

    public async ValueTask DisposeAsync()
    {
        await Command.StopAsync(_process);
        TempFolder.Delete(_folder);
    }
}

/// <summary>A fact skipped, with the reason, where Debian's docker-registry or htpasswd is absent.</summary>
public sealed class DistributionFactAttribute : FactAttribute
{
    public DistributionFactAttribute()
    {
        if (DistributionRegistry.MissingReason() is { } reason) Skip = reason;
    }
}
