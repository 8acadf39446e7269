using StackExchange.Redis;

namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// Notices between replicas: a replica that changes something other replicas may hold in memory publishes a notice on a
/// topic, and every replica (itself included) runs the topic's handlers, which drop what they hold; handlers may see a
/// notice more than once. With one replica nothing is sent: a change made in the process already updates what the
/// process holds.
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

/// <summary>
/// Notices over Redis pub/sub, channel <c>gitopshq:notice:TOPIC</c>. Each notice is also kept for
/// <see cref="Replay"/> in a sorted set (<c>gitopshq:notices:TOPIC</c>, by time), and a replica that subscribes (one that
/// starts) is handed the notices of that time first, so it does not miss what was told before it listened.
/// </summary>
public sealed class RedisNotices(RedisConnection redis, TimeProvider clock, ILogger<RedisNotices> logger) : IReplicaNotices
{
    /// <summary>How long notices are kept for replicas that start later (longer than anything they invalidate lives).</summary>
    public static readonly TimeSpan Replay = TimeSpan.FromMinutes(10);

    public static RedisChannel Channel(string topic) => RedisChannel.Literal(RedisConnection.Prefix + "notice:" + topic);

    private static RedisKey Kept(string topic) => RedisConnection.Prefix + "notices:" + topic;

    public async Task PublishAsync(string topic, string message)
    {
        try
        {
            var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
            var batch = redis.Database.CreateBatch();
            var kept = Task.WhenAll(
                batch.SortedSetAddAsync(Kept(topic), message, now),
                batch.SortedSetRemoveRangeByScoreAsync(Kept(topic), double.NegativeInfinity, now - Replay.TotalMilliseconds),
                batch.KeyExpireAsync(Kept(topic), Replay));
            batch.Execute();
            await kept;
            await redis.Subscriber.PublishAsync(Channel(topic), message);
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            logger.LogWarning("Could not tell the other replicas about {Topic} {Message}: {Failure}", topic, message, e.Message);
        }
    }

    public void Subscribe(string topic, Action<string> handler)
    {
        void Handle(string message)
        {
            try
            {
                handler(message);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Handling the notice {Topic} {Message} failed", topic, message);
            }
        }

        // Not waited for, so a replica starts while Redis is away; the connection subscribes again when Redis comes back.
        redis.Subscriber.Subscribe(Channel(topic), (_, value) => Handle(value.ToString()), CommandFlags.FireAndForget);
        // Then what was told before this replica listened (before it serves: a quick read, or nothing while Redis is away).
        try
        {
            var since = clock.GetUtcNow().ToUnixTimeMilliseconds() - Replay.TotalMilliseconds;
            foreach (var message in redis.Database.SortedSetRangeByScore(Kept(topic), since))
                Handle(message.ToString());
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            logger.LogWarning("Could not read the recent notices about {Topic}: {Failure}", topic, e.Message);
        }
    }
}
