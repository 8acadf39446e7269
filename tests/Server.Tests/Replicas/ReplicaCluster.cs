using System.Net.Http.Headers;
using System.Text;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Replicas;

/// <summary>
/// Several server processes on one data folder, one PostgreSQL database and one Redis, behind Debian's nginx as the
/// load balancer (round robin; a GET that fails on one replica is tried on the next, as balancers do).
/// </summary>
public sealed class ReplicaCluster : IAsyncDisposable
{
    private readonly RedisServer _redis;
    private readonly Nginx _balancer;

    private ReplicaCluster(string data, RedisServer redis, Nginx balancer, List<ReplicaProcess> replicas, string adminToken)
    {
        Data = data;
        _redis = redis;
        _balancer = balancer;
        Replicas = replicas;
        AdminToken = adminToken;
    }

    public string Data { get; }
    public IReadOnlyList<ReplicaProcess> Replicas { get; }
    public string AdminToken { get; }
    public string Url => _balancer.Url;
    public string BalancerLog => _balancer.ErrorLog();

    public static string? MissingReason() =>
        PostgresCluster.MissingReason() ?? (RedisServer.Binary is null ? "Debian's redis-server is not installed (scripts/prerequisites.sh installs it)" : null)
        ?? Nginx.MissingReason();

    public static async Task<ReplicaCluster> StartAsync(int count, params string[] settings)
    {
        var data = TempFolder.Create("replicas");
        var database = PostgresCluster.Instance.CreateDatabase();
        var redis = new RedisServer();
        await redis.InitializeAsync();
        var shared = new[]
        {
            $"--Cluster:Replicas={count}", "--Database:Provider=postgres", "--Database:ConnectionString=" + database,
            redis.Setting, "--OciRegistry:RateLimit:TrustedProxies:0=127.0.0.1",
        }.Concat(settings).ToArray();
        var replicas = Enumerable.Range(0, count).Select(_ => new ReplicaProcess(data, Ports.Free(), shared)).ToList();
        // All at once, as an orchestrator starts them: schema steps and the first admin must come out right.
        await Task.WhenAll(replicas.Select(r => r.StartAsync()));
        var upstreams = string.Join("\n", replicas.Select(r => $"        server 127.0.0.1:{r.Port} max_fails=1 fail_timeout=2s;"));
        var balancer = await Nginx.StartWithAsync((_, port) => $$"""
                upstream gitopshq {
            {{upstreams}}
                    keepalive 16;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    proxy_http_version 1.1;
                    proxy_request_buffering off;
                    proxy_buffering off;
                    proxy_read_timeout 120s;
                    location / {
                        proxy_pass http://gitopshq;
                        proxy_set_header Host $http_host;
                        proxy_set_header Connection "";
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_next_upstream_tries 3;
                    }
                }
            """);
        var token = (await File.ReadAllTextAsync(Path.Combine(data, "admin-token"))).Trim();
        return new ReplicaCluster(data, redis, balancer, replicas, token);
    }

    /// <summary>A REST client through the balancer, or straight to one replica.</summary>
    public HttpClient Http(string? token = null, ReplicaProcess? replica = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(replica?.Url ?? Url), Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    /// <summary>A registry client (Basic, a token as password) through the balancer or to one replica.</summary>
    public HttpClient Oci(string? token = null, ReplicaProcess? replica = null)
    {
        var client = new HttpClient { BaseAddress = new Uri(replica?.Url ?? Url), Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + (token ?? AdminToken))));
        return client;
    }

    public string GitUrl(string kind, string name, ReplicaProcess? replica = null) =>
        (replica?.Url ?? Url).Replace("http://", $"http://anyone:{AdminToken}@") + $"/git/{kind}/{name}.git";

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in Replicas) await replica.DisposeAsync();
        await _balancer.DisposeAsync();
        await _redis.DisposeAsync();
        TempFolder.Delete(Data);
    }
}
