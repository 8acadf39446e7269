using GitOpsHQ.Server.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Failed sign-ins, counted per username and per client address within a sliding window (Sessions:FailureWindow):
/// once either has reached its limit, further attempts are refused without checking the password until the oldest
/// failure leaves the window. A successful sign-in clears the username's count (not the address's). Kept in memory, or
/// with Redis:Configuration in Redis (one sorted set of failure times per key), so replicas count together; while Redis
/// cannot be reached each replica counts by itself. Time comes from the injected clock.
/// </summary>
public sealed class SignInThrottle(IOptions<BrowserSessionOptions> options, TimeProvider clock, ILogger<SignInThrottle> logger,
    RedisConnection? redis = null)
{
    // KEYS[1] failures; ARGV now (ms), window (ms), limit. Returns ms to wait, or -1.
    private const string WaitScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
        local count = redis.call('ZCARD', KEYS[1])
        local limit = tonumber(ARGV[3])
        if count < limit then return -1 end
        local oldest = redis.call('ZRANGE', KEYS[1], count - limit, count - limit, 'WITHSCORES')
        return tonumber(oldest[2]) + tonumber(ARGV[2]) - tonumber(ARGV[1])
        """;

    // KEYS failures (one or two); ARGV now (ms), window (ms), a unique member.
    private const string FailedScript = """
        for _, key in ipairs(KEYS) do
          redis.call('ZREMRANGEBYSCORE', key, '-inf', tonumber(ARGV[1]) - tonumber(ARGV[2]))
          redis.call('ZADD', key, ARGV[1], ARGV[3])
          redis.call('PEXPIRE', key, ARGV[2])
        end
        return 1
        """;

    /// <summary>Above this many keys, keys with no failure left in the window are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    private BrowserSessionOptions Options => options.Value;

    /// <summary>How long until this username (if any) and address may try again; null when they may now.</summary>
    public TimeSpan? Wait(string? username, string address)
    {
        if (Shared(() =>
            {
                var byUserShared = username is null ? null : SharedWait(UserKey(username), Options.MaxFailuresPerUser);
                var byAddressShared = SharedWait(AddressKey(address), Options.MaxFailuresPerAddress);
                return byUserShared is null ? byAddressShared : byAddressShared is null ? byUserShared : byUserShared > byAddressShared ? byUserShared : byAddressShared;
            }, out var shared)) return shared;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var byUser = username is null ? null : WaitFor(UserKey(username), Options.MaxFailuresPerUser, now);
            var byAddress = WaitFor(AddressKey(address), Options.MaxFailuresPerAddress, now);
            if (byUser is null) return byAddress;
            if (byAddress is null) return byUser;
            return byUser > byAddress ? byUser : byAddress;
        }
    }

    public void Failed(string? username, string address)
    {
        if (Shared(() =>
            {
                RedisKey[] keys = username is null ? [RedisKeyOf(AddressKey(address))] : [RedisKeyOf(UserKey(username)), RedisKeyOf(AddressKey(address))];
                redis!.Database.ScriptEvaluate(FailedScript, keys,
                    [clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)Options.FailureWindow.TotalMilliseconds, Guid.NewGuid().ToString("N")]);
                return (TimeSpan?)null;
            }, out _)) return;
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            if (_failures.Count > PruneAbove) Prune(now);
            if (username is not null) Record(UserKey(username), now);
            Record(AddressKey(address), now);
        }
    }

    public void Succeeded(string username)
    {
        if (Shared(() =>
            {
                redis!.Database.KeyDelete(RedisKeyOf(UserKey(username)));
                return (TimeSpan?)null;
            }, out _)) return;
        lock (_gate)
        {
            _failures.Remove(UserKey(username));
        }
    }

    /// <summary>Runs <paramref name="action"/> against Redis when it is configured and reachable; false means "count here".</summary>
    private bool Shared(Func<TimeSpan?> action, out TimeSpan? result)
    {
        result = null;
        if (redis is null) return false;
        try
        {
            result = action();
            return true;
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            logger.LogWarning("Redis cannot be reached for counting failed sign-ins; this replica counts by itself: {Message}", e.Message);
            return false;
        }
    }

    private TimeSpan? SharedWait(string key, int limit)
    {
        var wait = (long)redis!.Database.ScriptEvaluate(WaitScript, [RedisKeyOf(key)],
            [clock.GetUtcNow().ToUnixTimeMilliseconds(), (long)Options.FailureWindow.TotalMilliseconds, limit]);
        return wait < 0 ? null : TimeSpan.FromMilliseconds(wait);
    }

    private static RedisKey RedisKeyOf(string key) => RedisConnection.Prefix + "signin:" + key;

    private TimeSpan? WaitFor(string key, int limit, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures)) return null;
        Expire(failures, now);
        if (failures.Count < limit) return null;
        // The attempt may go ahead once enough failures have left the window to bring the count below the limit.
        return failures.ElementAt(failures.Count - limit) + Options.FailureWindow - now;
    }

    private void Record(string key, DateTimeOffset now)
    {
        if (!_failures.TryGetValue(key, out var failures)) _failures[key] = failures = new Queue<DateTimeOffset>();
        Expire(failures, now);
        failures.Enqueue(now);
    }

    private void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && failures.Peek() + Options.FailureWindow <= now) failures.Dequeue();
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures.ToList())
        {
            Expire(failures, now);
            if (failures.Count == 0) _failures.Remove(key);
        }
    }

    private static string UserKey(string username) => "user:" + username.ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;

    /// <summary>"try again in N minutes", rounded up.</summary>
    public static string Describe(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return $"too many failed sign-ins; try again in {minutes} minute{(minutes == 1 ? "" : "s")}";
    }
}
