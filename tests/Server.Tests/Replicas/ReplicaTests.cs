using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GitOpsHQ.Server.Cluster;
using GitOpsHQ.Server.ExternalSources;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitOpsHQ.Server.Tests.Replicas;

/// <summary>
/// Two replicas of the server on one data folder sharing one Redis: the registry rate limit counts an address across both,
/// a periodic job's round runs on one of them at a time, a revoked token is refused by the other at once, and a write of
/// an artifact on one holds back a write of it on the other for a bounded time.
/// </summary>
public sealed class ReplicaTests(RedisServer redis) : IClassFixture<RedisServer>
{
    [Fact]
    public async Task More_than_one_replica_without_Redis_refuses_to_start_and_names_the_setting()
    {
        var data = TempFolder.Create("replicas-refused");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "GitOpsHQ.Server.dll"), "--data", data, "--urls", "http://127.0.0.1:0", "--Cluster:Replicas=3",
                         "--Database:Provider=postgres", "--Database:ConnectionString=Host=127.0.0.1;Port=1;Database=unused" })
                start.ArgumentList.Add(arg);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            Assert.Equal(1, process.ExitCode);
            var said = await error;
            Assert.StartsWith("gitopshq: cannot start: Cluster:Replicas is 3", said);
            Assert.Contains("Redis:Configuration", said);
            Assert.DoesNotContain("listening", await output);
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [RedisFact]
    public async Task The_registry_rate_limit_counts_one_address_across_replicas()
    {
        Assert.Equal("+OK", await redis.CommandAsync("FLUSHALL"));
        await using var pair = await Pair.StartAsync(redis, "--OciRegistry:RateLimit:RequestsPerMinute=10");
        using var a = pair.A.Http();
        using var b = pair.B.Http();

        // Ten a minute for 127.0.0.1, whichever replica answers: six on A leave about four for B.
        for (var i = 0; i < 6; i++) Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/v2/")).StatusCode);
        var onB = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++) onB.Add(await b.GetAsync("/v2/"));
        var allowed = onB.TakeWhile(r => r.StatusCode == HttpStatusCode.OK).Count();
        Assert.InRange(allowed, 4, 5); // a fifth only if a sixth of a minute passed (the bucket refills one every 6 s)
        var refused = onB[allowed];
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("TOOMANYREQUESTS", await refused.Content.ReadAsStringAsync());
        Assert.InRange(int.Parse(refused.Headers.GetValues("Retry-After").Single()), 1, 6);
        // And A is out of budget as well.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await a.GetAsync("/v2/")).StatusCode);
        // The bucket lives in Redis with a time to live, not forever.
        var ttl = await redis.CommandAsync("PTTL gitopshq:ratelimit:oci:127.0.0.1");
        Assert.InRange(long.Parse(ttl.TrimStart(':')), 1, 61_000);
    }

    [RedisFact]
    public async Task With_Redis_unreachable_the_rate_limit_counts_on_each_replica_and_says_so()
    {
        var logs = new ConcurrentQueue<string>();
        var data = TempFolder.Create("replicas-no-redis");
        var server = await TestServer.StartWithAsync(data, null, b => b.Logging.AddProvider(new Capture(logs)),
            $"--Redis:Configuration=127.0.0.1:{Ports.Free()},connectTimeout=1000", "--OciRegistry:RateLimit:RequestsPerMinute=5");
        try
        {
            using var http = server.Http();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/v2/")).StatusCode);
            var refused = await http.GetAsync("/v2/");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(refused.Headers.Contains("Retry-After"));
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"requests waited for Redis: {watch.Elapsed}");
            Assert.Contains(logs, l => l.Contains("Redis cannot be reached for the registry rate limit"));

            // Writes are refused rather than made without the write lease.
            var (status, body) = await http.Post("/api/v2/org-manifest-bundles", new { name = "unguarded" });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Contains("Redis cannot be reached", body.ToJsonString());
            Assert.Contains("retry", body.ToJsonString());
        }
        finally
        {
            await server.DisposeAsync();
            TempFolder.Delete(data);
        }
    }

    [RedisFact]
    public async Task A_periodic_job_runs_on_one_replica_at_a_time_and_keeps_its_lease_while_it_runs()
    {
        await using var pair = await Pair.StartAsync(redis);
        var onA = pair.A.Services.GetRequiredService<IReplicaLeases>();
        var onB = pair.B.Services.GetRequiredService<IReplicaLeases>();
        var logger = pair.A.Services.GetRequiredService<ILogger<ReplicaTests>>();

        var started = new TaskCompletionSource();
        var finish = new TaskCompletionSource();
        var roundOnA = onA.RunAloneAsync(ExternalSync.Job, async ct =>
        {
            started.SetResult();
            await finish.Task.WaitAsync(ct);
        }, logger, CancellationToken.None);
        await started.Task;

        var ranOnB = false;
        Assert.False(await onB.RunAloneAsync(ExternalSync.Job, _ => { ranOnB = true; return Task.CompletedTask; }, logger, CancellationToken.None));
        Assert.False(ranOnB);

        // Past a renewal (every third of its 15 s life) the lease is still A's, with a fresh time to live.
        await Task.Delay(RedisLeases.TimeToLive / 3 + TimeSpan.FromSeconds(1));
        Assert.StartsWith("$", await redis.CommandAsync("GET gitopshq:lease:job:" + ExternalSync.Job));
        Assert.InRange(long.Parse((await redis.CommandAsync("PTTL gitopshq:lease:job:" + ExternalSync.Job)).TrimStart(':')), 9_000, 15_000);
        Assert.False(await onB.RunAloneAsync(ExternalSync.Job, _ => { ranOnB = true; return Task.CompletedTask; }, logger, CancellationToken.None));

        finish.SetResult();
        Assert.True(await roundOnA);
        Assert.Equal(":0", await redis.CommandAsync("EXISTS gitopshq:lease:job:" + ExternalSync.Job));
        Assert.True(await onB.RunAloneAsync(ExternalSync.Job, _ => { ranOnB = true; return Task.CompletedTask; }, logger, CancellationToken.None));
        Assert.True(ranOnB);

        // A replica that died holding a round's lease holds it only until the lease lapses.
        Assert.Equal("+OK", await redis.CommandAsync("SET gitopshq:lease:job:upload-expiry gone-replica/1 PX 400"));
        Assert.False(await onA.RunAloneAsync("upload-expiry", _ => Task.CompletedTask, logger, CancellationToken.None));
        await Task.Delay(600);
        Assert.True(await onA.RunAloneAsync("upload-expiry", _ => Task.CompletedTask, logger, CancellationToken.None));
    }

    [RedisFact]
    public async Task A_round_whose_lease_is_lost_is_stopped()
    {
        await using var pair = await Pair.StartAsync(redis);
        var leases = pair.A.Services.GetRequiredService<IReplicaLeases>();
        var logger = pair.A.Services.GetRequiredService<ILogger<ReplicaTests>>();
        var started = new TaskCompletionSource();
        var stopped = false;
        var round = leases.RunAloneAsync("audit-retention", async ct =>
        {
            started.SetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                stopped = true;
                throw;
            }
        }, logger, CancellationToken.None);
        await started.Task;
        // Taken over elsewhere (or lapsed while this replica was cut off): the next renewal finds it is not ours.
        Assert.Equal("+OK", await redis.CommandAsync("SET gitopshq:lease:job:audit-retention someone-else/1 PX 60000"));
        Assert.True(await round.WaitAsync(RedisLeases.TimeToLive));
        Assert.True(stopped);
        // The other holder's lease is left alone.
        Assert.StartsWith("$", await redis.CommandAsync("GET gitopshq:lease:job:audit-retention"));
        Assert.Equal(":1", await redis.CommandAsync("DEL gitopshq:lease:job:audit-retention"));
    }

    [RedisFact]
    public async Task A_token_revoked_on_one_replica_is_refused_by_the_other_within_a_second()
    {
        await using var pair = await Pair.StartAsync(redis);
        var secret = await pair.A.TokenForAsync("rita", "EDITOR");
        using var ritaOnA = pair.A.Http(secret);
        using var ritaOnB = pair.B.Http(secret);
        Assert.Equal(HttpStatusCode.OK, (await ritaOnB.Get("/api/v2/org-charts")).Status);
        var (_, tokens) = await ritaOnA.Get("/api/v2/user/tokens");
        var id = tokens["tokens"]!.AsArray()[0]!.Str("id");

        using var adminOnA = pair.A.Http();
        var registryToken = (await adminOnA.Post("/api/v2/org/registry-tokens", new { name = "ci", scope = "pull" })).Body.Str("value");
        using var registryOnB = OciHttp.Client(pair.B, registryToken);
        Assert.Equal(HttpStatusCode.OK, (await registryOnB.GetAsync("/v2/")).StatusCode);
        // A registry bearer token traded on A for the registry token, used on B.
        using var exchange = OciHttp.Client(pair.A, registryToken);
        var bearer = System.Text.Json.Nodes.JsonNode.Parse(await exchange.GetStringAsync("/v2/token?scope=registry:catalog:*"))!.Str("token");
        using var bearerOnB = new HttpClient { BaseAddress = new Uri(pair.B.Url) };
        bearerOnB.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        Assert.Equal(HttpStatusCode.OK, (await bearerOnB.GetAsync("/v2/")).StatusCode);
        var (_, list) = await adminOnA.Get("/api/v2/org/registry-tokens");
        var registryId = list["tokens"]!.AsArray().Single(t => t!.Str("name") == "ci")!.Str("id");

        Assert.Equal(HttpStatusCode.OK, (await ritaOnA.Delete($"/api/v2/user/tokens/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await adminOnA.Delete($"/api/v2/org/registry-tokens/{registryId}")).Status);
        var revoked = Stopwatch.StartNew();
        while ((await ritaOnB.Get("/api/v2/org-charts")).Status != HttpStatusCode.Unauthorized ||
               (await registryOnB.GetAsync("/v2/")).StatusCode != HttpStatusCode.Unauthorized ||
               (await bearerOnB.GetAsync("/v2/")).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(revoked.Elapsed < TimeSpan.FromSeconds(1), "replica B still accepts a token revoked on A");
            await Task.Delay(20);
        }

        // A replica that starts after the revocation refuses the bearer token as well.
        await using var late = await TestServer.StartAsync(pair.Data, redis.Setting, "--Cluster:ReplicaId=c");
        using var bearerOnLate = new HttpClient { BaseAddress = new Uri(late.Url) };
        bearerOnLate.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearer);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearerOnLate.GetAsync("/v2/")).StatusCode);
    }

    [RedisFact]
    public async Task Failed_sign_ins_are_counted_across_replicas()
    {
        await using var pair = await Pair.StartAsync(redis, "--Sessions:MaxFailuresPerUser=3");
        using var admin = pair.A.Http();
        Assert.Equal(HttpStatusCode.Created, (await admin.Post("/api/v2/users", new { username = "fay", role = "EDITOR", password = "a long enough password" })).Status);
        using var onA = new Browser(pair.A);
        using var onB = new Browser(pair.B);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.SignInAsync("fay", "not-the-password-1")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onB.SignInAsync("fay", "not-the-password-2")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onA.SignInAsync("fay", "not-the-password-3")).Status);
        var (status, body) = await onB.SignInAsync("fay", "a long enough password");
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Contains("too many failed sign-ins", body.ToJsonString());
    }

    [RedisFact]
    public async Task A_write_on_one_replica_holds_back_a_write_of_the_same_artifact_on_the_other_for_a_bounded_time()
    {
        await using var pair = await Pair.StartAsync(redis, "--Cluster:WriteWait=00:00:02");
        using var a = pair.A.Http();
        using var b = pair.B.Http();
        Assert.Equal(HttpStatusCode.Created, (await a.Post("/api/v2/org-manifest-bundles", new { name = "shared" })).Status);
        await a.WriteFile("org-manifest-bundles", "shared", "a.yaml", "a: 1\n");

        // A writer on A holds the artifact's write scope: B waits two seconds, then is told why and to retry.
        var locksOnA = pair.A.Services.GetRequiredService<ArtifactLocks>();
        var held = await locksOnA.AcquireAsync("manifest-bundles", "shared", CancellationToken.None);
        var (_, tree) = await b.Get("/api/v2/org-manifest-bundles/shared/tree");
        var waited = Stopwatch.StartNew();
        var (status, body) = await b.Put("/api/v2/org-manifest-bundles/shared/files/b.yaml", new { text = "b: 1\n", baseCommit = tree.Str("commit") });
        waited.Stop();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("Another replica is writing manifest-bundles/shared", body.ToJsonString());
        Assert.Contains("retry", body.ToJsonString());
        Assert.InRange(waited.Elapsed, TimeSpan.FromSeconds(1.8), TimeSpan.FromSeconds(8));

        // A git push to B is refused the same way, with the reason printed by git.
        var git = new GitClient(TempFolder.Create("replicas-git"));
        try
        {
            git.Run(null, "clone", "-q", GitClient.Url(pair.B, pair.B.AdminToken, "manifest-bundles", "shared"), "shared");
            var clone = Path.Combine(git.Root, "shared");
            File.WriteAllText(Path.Combine(clone, "c.yaml"), "c: 1\n");
            git.Run(clone, "add", ".");
            git.Run(clone, "commit", "-q", "-m", "c");
            var (code, _, error) = await Task.Run(() => git.Try(clone, "push", "-q", "origin", "main"));
            Assert.NotEqual(0, code);
            Assert.Contains("Another replica is writing manifest-bundles/shared", error);
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }

        // Another artifact is not held back.
        Assert.Equal(HttpStatusCode.Created, (await b.Post("/api/v2/org-manifest-bundles", new { name = "other" })).Status);

        // A writer on B that starts while A writes goes through once A is done within the wait.
        var write = b.Put("/api/v2/org-manifest-bundles/shared/files/b.yaml", new { text = "b: 1\n", baseCommit = tree.Str("commit") });
        await Task.Delay(500);
        Assert.False(write.IsCompleted);
        held.Dispose();
        Assert.Equal(HttpStatusCode.OK, (await write).Status);
        Assert.Equal(":0", await redis.CommandAsync("EXISTS gitopshq:lease:write:manifest-bundles/shared"));
    }

    /// <summary>Replicas a and b on one temporary data folder with the test's Redis.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        private Pair(TestServer a, TestServer b, string data)
        {
            A = a;
            B = b;
            Data = data;
        }

        public TestServer A { get; }
        public TestServer B { get; }
        public string Data { get; }

        public static async Task<Pair> StartAsync(RedisServer redis, params string[] settings)
        {
            var data = TempFolder.Create("replicas");
            var a = await TestServer.StartAsync(data, [redis.Setting, "--Cluster:ReplicaId=a", .. settings]);
            var b = await TestServer.StartAsync(data, [redis.Setting, "--Cluster:ReplicaId=b", .. settings]);
            return new Pair(a, b, data);
        }

        public async ValueTask DisposeAsync()
        {
            await B.DisposeAsync();
            await A.DisposeAsync();
            TempFolder.Delete(Data);
        }
    }

    private sealed class Capture(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(formatter(state, exception));
        }
    }
}
