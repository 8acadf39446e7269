using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Replicas;

/// <summary>A fact that needs PostgreSQL, Redis and nginx: skipped, with the reason, where one is not installed.</summary>
public sealed class ReplicaFactAttribute : FactAttribute
{
    public ReplicaFactAttribute()
    {
        if (ReplicaCluster.MissingReason() is { } reason) Skip = reason;
    }
}

/// <summary>Three replicas behind the balancer, shared by the tests of <see cref="ThreeReplicaTests"/> (which run one after another).</summary>
public sealed class ThreeReplicas : IAsyncLifetime
{
    public ReplicaCluster? Cluster { get; private set; }

    public async Task InitializeAsync()
    {
        if (ReplicaCluster.MissingReason() is null)
            Cluster = await ReplicaCluster.StartAsync(3, "--OciRegistry:RateLimit:RequestsPerMinute=1000000");
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}

public sealed class ThreeReplicaTests(ThreeReplicas fixture) : IClassFixture<ThreeReplicas>
{
    private ReplicaCluster Cluster => fixture.Cluster!;

    [ReplicaFact]
    public async Task What_one_replica_writes_the_others_read_at_once()
    {
        var (a, b, c) = (Cluster.Replicas[0], Cluster.Replicas[1], Cluster.Replicas[2]);
        using var onA = Cluster.Http(replica: a);
        Assert.Equal(HttpStatusCode.Created, (await onA.Post("/api/v2/org-charts", new { name = "shared", scaffold = true, description = "On A" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await onA.Post("/api/v2/org-charts/shared/versions", new { version = "0.1.0" })).Status);
        Assert.Equal(HttpStatusCode.Created, (await onA.Post("/api/v2/users", new { username = "rhea", role = "VIEWER" })).Status);
        var (_, token) = await onA.Post("/api/v2/user/tokens", new { name = "replicas", username = "rhea" });
        var secret = token.Str("secret");

        foreach (var other in new[] { b, c })
        {
            using var viewer = Cluster.Http(secret, other);
            var (status, chart) = await viewer.Get("/api/v2/org-charts/shared");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("On A", chart.Str("description"));
            var (_, versions) = await viewer.Get("/api/v2/org-charts/shared/versions");
            Assert.Contains(versions["versions"]!.AsArray(), v => v!.Str("version") == "0.1.0");
            var (_, file) = await viewer.Get("/api/v2/org-charts/shared/files/Chart.yaml?ref=0.1.0");
            Assert.Contains("name: shared", file.Str("text"));
            using var oci = Cluster.Oci(secret, other);
            Assert.Equal(HttpStatusCode.OK, (await oci.GetAsync("/v2/charts/shared/manifests/0.1.0")).StatusCode);
        }

        // Revoked on A: every replica refuses it within a second.
        var id = token["token"]!.Str("id");
        using (var rheaOnA = Cluster.Http(secret, a))
            Assert.Equal(HttpStatusCode.OK, (await rheaOnA.Delete($"/api/v2/user/tokens/{id}")).Status);
        var revokedAt = DateTime.UtcNow;
        foreach (var other in new[] { b, c })
        {
            using var viewer = Cluster.Http(secret, other);
            while ((await viewer.Get("/api/v2/org-charts")).Status != HttpStatusCode.Unauthorized)
            {
                Assert.True(DateTime.UtcNow - revokedAt < TimeSpan.FromSeconds(1), "a revoked token is still accepted by another replica after 1 s");
                await Task.Delay(50);
            }
        }
    }

    [ReplicaFact]
    public void Replicas_started_together_on_an_empty_folder_share_one_key_ring() =>
        Assert.Single(Directory.GetFiles(Path.Combine(Cluster.Data, "keys"), "key-*.xml"));

    [ReplicaFact]
    public async Task Of_twenty_concurrent_publishes_of_one_version_across_replicas_exactly_one_wins()
    {
        using var api = Cluster.Http();
        await api.Post("/api/v2/org-manifest-bundles", new { name = "race", scaffold = true });
        var attempts = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            using var client = Cluster.Http(replica: Cluster.Replicas[i % 3]);
            return (await client.Post("/api/v2/org-manifest-bundles/race/versions", new { version = "1.0.0", notes = $"attempt {i}" })).Status;
        }));
        Assert.Single(attempts, s => s == HttpStatusCode.Created);
        Assert.All(attempts.Where(s => s != HttpStatusCode.Created), s => Assert.Equal(HttpStatusCode.Conflict, s));
        var (_, versions) = await api.Get("/api/v2/org-manifest-bundles/race/versions");
        Assert.Single(versions["versions"]!.AsArray());
        var (_, audit) = await api.Get("/api/v2/org/audit?action=version.published&pageSize=500");
        Assert.Single(audit["records"]!.AsArray(), r => r!.Str("targetName") == "race");
    }

    [ReplicaFact]
    public async Task An_api_edit_on_one_replica_racing_a_git_push_through_another_loses_nothing()
    {
        var (a, b) = (Cluster.Replicas[0], Cluster.Replicas[1]);
        using var onA = Cluster.Http(replica: a);
        await onA.Post("/api/v2/org-manifest-bundles", new { name = "edits", scaffold = true });
        var work = TempFolder.Create("replica-git");
        try
        {
            var git = new GitClient(work);
            git.Run(null, "clone", "-q", Cluster.GitUrl("manifest-bundles", "edits", b), "edits");
            var clone = Path.Combine(work, "edits");
            const int rounds = 8;
            var api = Task.Run(async () =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    while (true)
                    {
                        var (_, tree) = await onA.Get("/api/v2/org-manifest-bundles/edits/tree");
                        var (status, _) = await onA.Put($"/api/v2/org-manifest-bundles/edits/files/api-{i}.yaml",
                            new { text = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: api-{i}\n", baseCommit = tree.Str("commit") });
                        if (status is HttpStatusCode.OK or HttpStatusCode.Created) break;
                        Assert.Equal(HttpStatusCode.Conflict, status);
                    }
                }
            });
            var push = Task.Run(() =>
            {
                for (var i = 0; i < rounds; i++)
                {
                    File.WriteAllText(Path.Combine(clone, $"git-{i}.yaml"), $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: git-{i}\n");
                    git.Run(clone, "add", ".");
                    git.Run(clone, "commit", "-qm", $"git {i}");
                    while (git.Try(clone, "push", "-q", "origin", "HEAD:main").Code != 0)
                        git.Run(clone, "pull", "-q", "--rebase", "origin", "main");
                }
            });
            await Task.WhenAll(api, push);
            using var onC = Cluster.Http(replica: Cluster.Replicas[2]);
            var (_, final) = await onC.Get("/api/v2/org-manifest-bundles/edits/tree");
            var paths = final["entries"]!.AsArray().Select(e => e!.Str("path")).ToHashSet();
            for (var i = 0; i < rounds; i++)
            {
                Assert.Contains($"api-{i}.yaml", paths);
                Assert.Contains($"git-{i}.yaml", paths);
            }
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [ReplicaFact]
    public async Task A_replica_killed_during_publishes_and_pushes_loses_nothing_and_rejoins()
    {
        using var api = Cluster.Http();
        await api.Post("/api/v2/org-manifest-bundles", new { name = "survivor", scaffold = true });
        var work = TempFolder.Create("replica-kill");
        try
        {
            var git = new GitClient(work);
            git.Run(null, "clone", "-q", Cluster.GitUrl("manifest-bundles", "survivor"), "survivor");
            var clone = Path.Combine(work, "survivor");
            const int versions = 12;
            var publisher = Task.Run(async () =>
            {
                for (var n = 1; n <= versions; n++)
                {
                    await Retry(async () =>
                    {
                        var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/survivor/tree");
                        var (status, _) = await api.Put($"/api/v2/org-manifest-bundles/survivor/files/v{n}.yaml",
                            new { text = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: v{n}\n", baseCommit = tree.Str("commit") });
                        return status is HttpStatusCode.OK or HttpStatusCode.Created || (status == HttpStatusCode.Conflict && await HasFile(api, $"v{n}.yaml"));
                    });
                    await Retry(async () =>
                    {
                        var (status, body) = await api.Post("/api/v2/org-manifest-bundles/survivor/versions", new { version = $"1.0.{n}" });
                        // A retry after a cut-off attempt that landed finds the version there.
                        return status == HttpStatusCode.Created || (status == HttpStatusCode.Conflict && body.Str("message").Contains("already exists"));
                    });
                }
            });
            var pusher = Task.Run(async () =>
            {
                for (var i = 0; i < 8; i++)
                {
                    File.WriteAllText(Path.Combine(clone, $"pushed-{i}.yaml"), $"apiVersion: v1\nkind: Secret\nmetadata:\n  name: pushed-{i}\n");
                    git.Run(clone, "add", ".");
                    git.Run(clone, "commit", "-qm", $"push {i}");
                    await Retry(() =>
                    {
                        if (git.Try(clone, "push", "-q", "origin", "HEAD:main").Code == 0) return Task.FromResult(true);
                        git.Try(clone, "pull", "-q", "--rebase", "origin", "main");
                        return Task.FromResult(false);
                    });
                }
            });
            await Task.Delay(1500);
            var victim = Cluster.Replicas[1];
            victim.Kill();
            await Task.Delay(1500);
            await victim.StartAsync();
            await Task.WhenAll(publisher, pusher);

            var (_, listed) = await api.Get("/api/v2/org-manifest-bundles/survivor/versions");
            var published = listed["versions"]!.AsArray().Select(v => v!.Str("version")).Order().ToList();
            Assert.Equal(Enumerable.Range(1, versions).Select(n => $"1.0.{n}").Order().ToList(), published);
            var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/survivor/tree");
            var paths = tree["entries"]!.AsArray().Select(e => e!.Str("path")).ToHashSet();
            for (var i = 0; i < 8; i++) Assert.Contains($"pushed-{i}.yaml", paths);
            for (var n = 1; n <= versions; n++) Assert.Contains($"v{n}.yaml", paths);

            var bare = Path.Combine(Cluster.Data, "repos", "manifest-bundles", "survivor.git");
            Assert.Equal(0, git.Try(bare, "fsck", "--no-progress").Code);
            foreach (var n in Enumerable.Range(1, versions))
                Assert.Equal("tag", git.Run(bare, "cat-file", "-t", $"refs/tags/1.0.{n}").Trim());
            var (_, audit) = await api.Get("/api/v2/org/audit?action=version.published&pageSize=500");
            Assert.Equal(versions, audit["records"]!.AsArray().Count(r => r!.Str("targetName") == "survivor"));

            // The restarted replica serves again.
            using var onVictim = Cluster.Http(replica: victim);
            Assert.Equal(HttpStatusCode.OK, (await onVictim.Get("/api/v2/org-manifest-bundles/survivor/versions")).Status);
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [ReplicaFact]
    public async Task A_rolling_restart_of_every_replica_under_a_steady_pull_load_fails_no_pull()
    {
        using var api = Cluster.Http();
        await api.Post("/api/v2/org-charts", new { name = "pulled", scaffold = true });
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-charts/pulled/versions", new { version = "0.1.0" })).Status);
        using var oci = Cluster.Oci();
        var manifest = JsonNode.Parse(await oci.GetStringAsync("/v2/charts/pulled/manifests/0.1.0"))!;
        var layer = manifest["layers"]![0]!.Str("digest");

        var failures = new ConcurrentQueue<string>();
        var pulls = 0;
        using var stop = new CancellationTokenSource();
        var pullers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            using var client = Cluster.Oci();
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var m = await client.GetAsync("/v2/charts/pulled/manifests/0.1.0");
                    using var b = await client.GetAsync($"/v2/charts/pulled/blobs/{layer}");
                    if (m.StatusCode != HttpStatusCode.OK || b.StatusCode != HttpStatusCode.OK)
                        failures.Enqueue($"{m.StatusCode}/{b.StatusCode}");
                    else if (OciLayout.Digest(await b.Content.ReadAsByteArrayAsync()) != layer)
                        failures.Enqueue("blob bytes differ");
                    Interlocked.Increment(ref pulls);
                }
                catch (HttpRequestException e)
                {
                    failures.Enqueue(e.Message);
                }
            }
        })).ToList();

        foreach (var replica in Cluster.Replicas)
        {
            await Task.Delay(1000);
            await replica.StopAsync();
            await replica.StartAsync();
        }
        await Task.Delay(1000);
        stop.Cancel();
        await Task.WhenAll(pullers);
        Assert.True(pulls > 50, $"only {pulls} pulls ran");
        Assert.True(failures.IsEmpty, $"{failures.Count} of {pulls} pulls failed: {string.Join("; ", failures.Take(5))}\n{Cluster.BalancerLog}");
    }

    [ReplicaFact]
    public async Task The_rate_limit_counts_one_address_across_three_replicas()
    {
        await using var limited = await ReplicaCluster.StartAsync(3, "--OciRegistry:RateLimit:RequestsPerMinute=30");
        var clients = limited.Replicas.Select(r => limited.Oci(replica: r)).ToList();
        var statuses = new List<(int Replica, HttpStatusCode Status)>();
        for (var i = 0; i < 60; i++)
        {
            using var response = await clients[i % 3].GetAsync("/v2/");
            statuses.Add((i % 3, response.StatusCode));
        }
        foreach (var client in clients) client.Dispose();
        var allowed = statuses.Count(s => s.Status == HttpStatusCode.OK);
        // 30 for the address in all, plus what refilled meanwhile (one every 2 s): not 30 on each replica.
        Assert.InRange(allowed, 30, 40);
        Assert.All(statuses.Where(s => s.Status != HttpStatusCode.OK), s => Assert.Equal(HttpStatusCode.TooManyRequests, s.Status));
        Assert.Equal(3, statuses.Where(s => s.Status == HttpStatusCode.TooManyRequests).Select(s => s.Replica).Distinct().Count());
    }

    private static async Task<bool> HasFile(HttpClient api, string path)
    {
        var (status, tree) = await api.Get("/api/v2/org-manifest-bundles/survivor/tree");
        return status == HttpStatusCode.OK && tree["entries"]!.AsArray().Any(e => e!.Str("path") == path);
    }

    /// <summary>Tries until the step says it is done, as a client does through a balancer while a replica goes away.</summary>
    private static async Task Retry(Func<Task<bool>> step)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if (await step()) return;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
            }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("a client's retries did not succeed within 90 s");
            await Task.Delay(200);
        }
    }
}
