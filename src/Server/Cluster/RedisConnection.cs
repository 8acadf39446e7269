using StackExchange.Redis;

namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// The one connection to Redis, opened on first use. The server starts and serves while Redis is away: the connection is
/// retried in the background, and a command issued while it is down fails at once instead of queueing, so each caller
/// decides what an unreachable Redis means for it (the rate limit counts locally, leases are not granted).
/// </summary>
public sealed class RedisConnection(RedisOptions options, ILogger<RedisConnection> logger) : IDisposable
{
    /// <summary>Prefix of every key and channel this server uses.</summary>
    public const string Prefix = "gitopshq:";

    private readonly Lazy<ConnectionMultiplexer> _connection = new(() =>
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        if (configuration.ClientName is null) configuration.ClientName = "gitopshq";
        var connection = ConnectionMultiplexer.Connect(configuration);
        connection.ConnectionFailed += (_, e) => logger.LogWarning("Redis connection lost ({Endpoint}): {Failure}", e.EndPoint, e.FailureType);
        connection.ConnectionRestored += (_, e) => logger.LogInformation("Redis connection restored ({Endpoint})", e.EndPoint);
        return connection;
    }, LazyThreadSafetyMode.ExecutionAndPublication);

    public IDatabase Database => _connection.Value.GetDatabase();

    public ISubscriber Subscriber => _connection.Value.GetSubscriber();

    /// <summary>What Redis failing looks like to callers (unreachable, timed out, or an error reply).</summary>
    public static bool IsFailure(Exception e) => e is RedisException or TimeoutException or ObjectDisposedException;

    public void Dispose()
    {
        if (_connection.IsValueCreated) _connection.Value.Dispose();
    }
}
