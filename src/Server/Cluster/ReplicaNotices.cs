using StackExchange.Redis;

namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// Notices between replicas: a replica that changes something other replicas may hold in memory publishes a notice on a
/// topic, and every replica (itself included) runs the topic's handlers, which drop what they hold. With one replica
/// nothing is sent: a change made in the process already updates what the process holds.
/// <para>
/// What replicas hold in memory, and why: tokens, browser sessions and users are read from the database on every request
/// (a token revoked on one replica is refused by the next request to any replica); the registry's bearer tokens are signed,
/// not looked up, so a revocation is told to every replica (<c>Auth.RevokedCredentials</c>, topic <c>credential-revoked</c>)
/// and bearer tokens traded for the revoked token are refused at once. The Helm index is rebuilt whenever the catalog's and
/// the external sources' stamps, read from the database on every request, change, and its per-version entries are keyed
/// by the version's commit; file snapshots of versions (<c>VersionCatalog</c>) are keyed by Git tree id, the plugins' render
/// cache by content, blobs by digest; the OCI build cache is files in the shared data folder. What is per replica by
/// nature — in-flight imports and syncs, upload and receive-pack semaphores, tokens' "last used" waiting to be written
/// (each replica writes its own) — is not a copy of shared state; failed sign-ins are counted in Redis
/// (<c>Auth.SignInThrottle</c>).
/// </para>
/// </summary>
public interface IReplicaNotices
{
    /// <summary>Tells every replica about a change on <paramref name="topic"/>; never throws (a notice that cannot be sent is logged).</summary>
    Task PublishAsync(string topic, string message);

    /// <summary>Runs <paramref name="handler"/> for each notice on <paramref name="topic"/>, from any replica.</summary>
    void Subscribe(string topic, Action<string> handler);
}

/// <summary>One replica: nothing to tell anyone.</summary>
public sealed class InProcessNotices : IReplicaNotices
{
    public Task PublishAsync(string topic, string message) => Task.CompletedTask;

    public void Subscribe(string topic, Action<string> handler)
    {
    }
}

/// <summary>Notices over Redis pub/sub, channel <c>gitopshq:notice:TOPIC</c>.</summary>
public sealed class RedisNotices(RedisConnection redis, ILogger<RedisNotices> logger) : IReplicaNotices
{
    public static RedisChannel Channel(string topic) => RedisChannel.Literal(RedisConnection.Prefix + "notice:" + topic);

    public async Task PublishAsync(string topic, string message)
    {
        try
        {
            await redis.Subscriber.PublishAsync(Channel(topic), message);
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            logger.LogWarning("Could not tell the other replicas about {Topic} {Message}: {Failure}", topic, message, e.Message);
        }
    }

    public void Subscribe(string topic, Action<string> handler) =>
        // Not waited for, so a replica starts while Redis is away; the connection subscribes again when Redis comes back.
        redis.Subscriber.Subscribe(Channel(topic), (_, value) =>
        {
            try
            {
                handler(value.ToString());
            }
            catch (Exception e)
            {
                logger.LogError(e, "Handling the notice {Topic} {Message} failed", topic, value.ToString());
            }
        }, CommandFlags.FireAndForget);
}
