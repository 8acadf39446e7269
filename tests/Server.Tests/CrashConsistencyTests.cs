using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;
using Xunit.Abstractions;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// The real server killed (SIGKILL) at random moments of a REST publish, a `git push` of a version tag and a helm-style
/// OCI push, then restarted on the same data folder: every repository passes `git fsck`, every tag has its publisher and
/// source and exactly one audit record, a chart pushed over OCI pulls back the manifest that was pushed, every artifact
/// has its creation record, the API's versions are exactly the tags, no artifact is left empty or half-created, and no
/// upload, staging, journal, pending audit or trash folder is left over. GITOPSHQ_KILL_ROUNDS sets the kills per door
/// (default 50).
/// </summary>
public sealed class CrashConsistencyTests(ITestOutputHelper output)
{
    private static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("GITOPSHQ_KILL_ROUNDS"), out var n) && n > 0 ? n : 50;

    private static readonly Dictionary<string, string> GitIdentity = new()
    {
        ["GIT_AUTHOR_NAME"] = "Kim", ["GIT_AUTHOR_EMAIL"] = "kim@example.com", ["GIT_COMMITTER_NAME"] = "Kim", ["GIT_COMMITTER_EMAIL"] = "kim@example.com",
        ["GIT_CONFIG_NOSYSTEM"] = "1", ["GIT_TERMINAL_PROMPT"] = "0",
    };

    [Fact]
    public async Task Kills_during_publish_git_push_and_oci_push_leave_a_consistent_catalog()
    {
        var data = TempFolder.Create("crash");
        var clones = TempFolder.Create("crash-clones");
        var server = await ServerProcess.StartAsync(data);
        var seed = Environment.GetEnvironmentVariable("GITOPSHQ_KILL_SEED") is { } given ? int.Parse(given) : Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"kill times from GITOPSHQ_KILL_SEED={seed}");
        var kills = new Dictionary<string, int> { ["rest"] = 0, ["git"] = 0, ["oci"] = 0 };
        try
        {
            using (var api = Client(server))
            {
                Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "by-rest", scaffold = true })).Status);
                Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "by-git", scaffold = true })).Status);
            }
            var clone = Path.Combine(clones, "by-git");
            Git(clones, "clone", "-q", GitUrl(server, "by-git"), clone);

            // One undisturbed run of each door: how long it takes bounds when the kills land.
            var doors = new (string Door, Func<ServerProcess, int, Task> Run)[]
            {
                ("rest", (s, i) => PublishByRest(s, i)),
                ("git", (s, i) => PushTag(s, clone, i)),
                ("oci", (s, i) => PushChart(s, i)),
            };
            var durations = new Dictionary<string, TimeSpan>();
            foreach (var (door, run) in doors)
            {
                var watch = Stopwatch.StartNew();
                await run(server, 1000);
                durations[door] = watch.Elapsed;
            }

            for (var round = 0; round < Rounds; round++)
            {
                foreach (var (door, run) in doors)
                {
                    var operation = Task.Run(() => run(server, round));
                    var delay = TimeSpan.FromMilliseconds(random.NextDouble() * durations[door].TotalMilliseconds * 1.2);
                    await Task.WhenAny(operation, Task.Delay(delay));
                    server.Crash();
                    kills[door]++;
                    try
                    {
                        await operation;
                    }
                    catch (Exception)
                    {
                        // Cut off by the kill: what it left is what is checked.
                    }
                    server = await ServerProcess.StartAsync(data);
                    await CheckConsistentAsync(server, data, $"{door} round {round} (killed after {delay.TotalMilliseconds:0} ms)");
                }
            }
            output.WriteLine($"kills per door: {string.Join(", ", kills.Select(k => $"{k.Key} {k.Value}"))}; undisturbed runs: " +
                             string.Join(", ", durations.Select(d => $"{d.Key} {d.Value.TotalMilliseconds:0} ms")));
        }
        catch (Exception e)
        {
            // The same kill times come back with the seed (GITOPSHQ_KILL_SEED), as far as timing repeats.
            throw new Xunit.Sdk.XunitException($"after kills {string.Join(", ", kills.Select(k => $"{k.Key} {k.Value}"))}, " +
                                               $"replay with GITOPSHQ_KILL_SEED={seed}: {e}");
        }
        finally
        {
            await server.DisposeAsync();
            TempFolder.Delete(clones);
        }
    }

    private static HttpClient Client(ServerProcess server)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        return client;
    }

    private static string GitUrl(ServerProcess server, string name) =>
        server.Url.Replace("http://", $"http://admin:{server.AdminToken}@") + $"/git/manifest-bundles/{name}.git";

    private static string Git(string directory, params string[] args)
    {
        var (code, stdout, stderr) = Command.Run("git", args, GitIdentity, directory);
        return code == 0 ? stdout : throw new InvalidOperationException($"git {string.Join(' ', args)}: {stderr}");
    }

    private static async Task PublishByRest(ServerProcess server, int round)
    {
        using var api = Client(server);
        await api.WriteFile("org-manifest-bundles", "by-rest", $"r{round}.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: r{round}\n");
        var (status, body) = await api.Post("/api/v2/org-manifest-bundles/by-rest/versions", new { version = $"1.0.{round}" });
        if (status is not (HttpStatusCode.OK or HttpStatusCode.Created)) throw new InvalidOperationException($"publish: {status} {body}");
    }

    private static Task PushTag(ServerProcess server, string clone, int round)
    {
        // The clone follows the server: what a killed push left there is fetched first.
        Git(clone, "remote", "set-url", "origin", GitUrl(server, "by-git"));
        Git(clone, "fetch", "-q", "origin", "+refs/heads/main:refs/remotes/origin/main", "+refs/tags/*:refs/tags/*");
        Git(clone, "reset", "-q", "--hard", "origin/main");
        File.WriteAllText(Path.Combine(clone, $"g{round}.yaml"), $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: g{round}\n");
        Git(clone, "add", "-A");
        Git(clone, "commit", "-qm", $"Release 2.0.{round}");
        Git(clone, "tag", "-a", $"2.0.{round}", "-m", $"Release 2.0.{round}");
        Git(clone, "push", "-q", "origin", "main", $"2.0.{round}");
        return Task.CompletedTask;
    }

    private static HttpClient OciClient(ServerProcess server)
    {
        var oci = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        oci.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + server.AdminToken)));
        return oci;
    }

    /// <summary>The package, config and manifest pushed for a chart (the same bytes every time).</summary>
    private static (byte[] Layer, byte[] Config, byte[] Manifest) PushedChart(string name)
    {
        var layer = ChartArchive.Create(name, "1.0.0");
        var config = ChartArchive.Config(name, "1.0.0");
        return (layer, config, ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, name, "1.0.0"));
    }

    private static async Task PushChart(ServerProcess server, int round)
    {
        using var oci = OciClient(server);
        var name = $"pushed{round}";
        var (layer, config, manifest) = PushedChart(name);
        foreach (var blob in new[] { config, layer })
        {
            var response = await oci.PostAsync($"/v2/charts/{name}/blobs/uploads/", null);
            if (response.StatusCode != HttpStatusCode.Accepted) throw new InvalidOperationException($"upload start: {response.StatusCode}");
            var location = response.Headers.Location!.ToString();
            var put = await oci.PutAsync(location + (location.Contains('?') ? "&" : "?") + "digest=" + OciLayout.Digest(blob), new ByteArrayContent(blob));
            if (put.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"upload: {put.StatusCode}");
        }
        var content = new ByteArrayContent(manifest);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
        var pushed = await oci.PutAsync($"/v2/charts/{name}/manifests/1.0.0", content);
        if (pushed.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"manifest: {pushed.StatusCode}");
    }

    private static async Task CheckConsistentAsync(ServerProcess server, string data, string after)
    {
        using var api = Client(server);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/healthz")).StatusCode);
        foreach (var (kind, collection) in new[] { ("charts", "org-charts"), ("manifest-bundles", "org-manifest-bundles") })
        {
            var folder = Path.Combine(data, "repos", kind);
            if (!Directory.Exists(folder)) continue;
            // Only whole repositories: no staging folder of a creation cut off.
            Assert.True(Directory.GetFileSystemEntries(folder).All(e => e.EndsWith(".git", StringComparison.Ordinal)),
                $"after {after}: {kind} holds {string.Join(", ", Directory.GetFileSystemEntries(folder).Select(Path.GetFileName))}");
            var (listed, list) = await api.Get($"/api/v2/{collection}?pageSize=200");
            Assert.Equal(HttpStatusCode.OK, listed);
            var names = list["artifacts"]!.AsArray().Select(a => a!.Str("name")).Order().ToList();
            Assert.Equal(Directory.GetDirectories(folder, "*.git").Select(d => Path.GetFileNameWithoutExtension(d)).Order().ToList(), names);
            foreach (var artifact in list["artifacts"]!.AsArray())
            {
                var name = artifact!.Str("name");
                var repo = Path.Combine(folder, name + ".git");
                var (fsck, _, fsckErrors) = Command.Run("git", ["--git-dir=" + repo, "fsck", "--no-progress", "--no-dangling"]);
                Assert.True(fsck == 0, $"after {after}: git fsck of {kind}/{name}: {fsckErrors}");
                var tags = Command.Run("git", ["--git-dir=" + repo, "tag", "--list"]).Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToList();
                var (status, versions) = await api.Get($"/api/v2/{collection}/{name}/versions?pageSize=200");
                Assert.Equal(HttpStatusCode.OK, status);
                var published = versions["versions"]!.AsArray().Select(v => v!).ToList();
                Assert.Equal(tags, published.Select(v => v.Str("version")).Order().ToList());
                foreach (var version in published)
                {
                    Assert.False(string.IsNullOrEmpty(version["publisher"]?.Str("username")), $"after {after}: {kind}/{name} {version.Str("version")} has no publisher");
                    Assert.False(string.IsNullOrEmpty(version.Str("source")), $"after {after}: {kind}/{name} {version.Str("version")} has no source");
                }
                // Every version has its audit record; a chart pushed over OCI pulls back the manifest that was pushed.
                var (_, audit) = await api.Get($"/api/v2/org/audit?action=version.published&artifact={kind}/{name}&pageSize=500");
                var recorded = audit["records"]!.AsArray().Select(r => r!.Str("targetVersion")).ToList();
                foreach (var version in published)
                    Assert.True(recorded.Count(v => v == version.Str("version")) == 1,
                        $"after {after}: {kind}/{name} {version.Str("version")} has {recorded.Count(v => v == version.Str("version"))} audit records");
                var (_, creations) = await api.Get($"/api/v2/org/audit?action=artifact.created&artifact={kind}/{name}");
                Assert.True(creations["records"]!.AsArray().Count == 1, $"after {after}: {kind}/{name} has {creations["records"]!.AsArray().Count} creation records");
                if (kind == "charts" && name.StartsWith("pushed", StringComparison.Ordinal))
                {
                    var (_, _, manifest) = PushedChart(name);
                    using var oci = OciClient(server);
                    using var head = await oci.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/v2/charts/{name}/manifests/1.0.0"));
                    Assert.Equal(OciLayout.Digest(manifest), head.Headers.GetValues("Docker-Content-Digest").Single());
                }
                // The listing agrees with Git.
                Assert.Equal(published.Count, artifact!["versionCount"]?.GetValue<int>() ?? 0);
                // A chart that arrived by push exists only with its version.
                if (kind == "charts") Assert.True(published.Count > 0, $"after {after}: charts/{name} was left without a version");
            }
        }
        foreach (var leftover in new[] { "registry/uploads", "journal", "audit-pending", "trash" })
        {
            var path = Path.Combine(data, leftover);
            var files = Directory.Exists(path) ? Directory.GetFiles(path, "*", SearchOption.AllDirectories) : [];
            Assert.True(files.Length == 0, $"after {after}: {leftover} holds {string.Join(", ", files)}");
        }
    }
}
