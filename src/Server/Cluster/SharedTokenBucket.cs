using System.Globalization;
using System.Threading.RateLimiting;
using GitOpsHQ.Server.Registry;
using StackExchange.Redis;

namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// The registry's per-client token bucket kept in Redis, so one client address is counted across every replica together:
/// the same bucket as <see cref="ClockedTokenBucket"/> (a minute's budget, refilled continuously, Retry-After the time until
/// enough has refilled), updated by one script so concurrent requests on several replicas never overspend it. Time is
/// Redis's own, so replicas' clocks need not agree. The key lapses once the bucket would be full again.
/// <para>
/// If Redis cannot be reached, requests are counted by this replica's own bucket for the client instead (a warning is
/// logged, at most once a minute): the registry keeps answering, and each replica still holds the client to the limit.
/// </para>
/// </summary>
public sealed class SharedTokenBucket(string client, int capacity, double refillPerSecond, RedisConnection redis, ClockedTokenBucket local,
    SharedTokenBucket.Warnings warnings) : RateLimiter
{
    // KEYS[1] bucket; ARGV capacity, refill per second, permits. Returns {granted, seconds to wait}.
    private const string Script = """
        local capacity = tonumber(ARGV[1])
        local rate = tonumber(ARGV[2])
        local wanted = tonumber(ARGV[3])
        local time = redis.call('TIME')
        local now = tonumber(time[1]) + tonumber(time[2]) / 1000000
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then tokens = capacity; at = now end
        if now > at then tokens = math.min(capacity, tokens + (now - at) * rate) end
        local granted = 0
        local wait = 0
        if tokens >= wanted then
          tokens = tokens - wanted
          granted = 1
        else
          wait = (wanted - tokens) / rate
        end
        redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.6f', math.max(now, at)))
        redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - tokens) / rate * 1000) + 1000)
        return {granted, string.format('%.6f', wait)}
        """;

    private readonly RedisKey _key = RedisConnection.Prefix + "ratelimit:oci:" + client;

    /// <summary>Idle as the local fallback is: the shared count lives in Redis, so dropping this limiter loses nothing of it.</summary>
    public override TimeSpan? IdleDuration => local.IdleDuration;

    public override RateLimiterStatistics? GetStatistics() => local.GetStatistics();

    /// <summary>
    /// The shared count is read only asynchronously, so no request thread waits on Redis: a synchronous attempt is refused
    /// without a verdict, and ASP.NET Core's rate limiting middleware then asks <see cref="AcquireAsyncCore"/>.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => permitCount == 0 ? SharedLease.Granted : SharedLease.AskAsynchronously;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        try
        {
            return Answer((RedisResult[])(await redis.Database.ScriptEvaluateAsync(Script, [_key], Arguments(permitCount)))!, permitCount);
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            warnings.Unreachable(e);
            return local.AttemptAcquire(permitCount);
        }
    }

    private RedisValue[] Arguments(int permitCount) =>
        [capacity, refillPerSecond.ToString("R", CultureInfo.InvariantCulture), permitCount];

    private static RateLimitLease Answer(RedisResult[] result, int permitCount)
    {
        if ((long)result[0] == 1) return SharedLease.Granted;
        var seconds = double.Parse((string)result[1]!, CultureInfo.InvariantCulture);
        return new SharedLease(false, TimeSpan.FromSeconds(Math.Max(1, Math.Ceiling(seconds))));
    }

    /// <summary>One warning a minute at most while Redis is unreachable (a busy registry would otherwise log every request).</summary>
    public sealed class Warnings(ILogger<SharedTokenBucket> logger, TimeProvider clock)
    {
        private long _last;

        public void Unreachable(Exception e)
        {
            var now = clock.GetUtcNow().ToUnixTimeSeconds();
            var last = Interlocked.Read(ref _last);
            if (now - last < 60 || Interlocked.CompareExchange(ref _last, now, last) != last) return;
            logger.LogWarning("Redis cannot be reached for the registry rate limit; each replica counts requests by itself until it is back: {Message}", e.Message);
        }
    }

    private sealed class SharedLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly SharedLease Granted = new(true, null);
        public static readonly SharedLease AskAsynchronously = new(false, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
