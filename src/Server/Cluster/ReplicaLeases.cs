using StackExchange.Redis;

namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// Named leases held by one replica at a time: a periodic job's round, an artifact's write scope. A lease is kept alive
/// while its holder runs and given back when it is disposed; if its holder dies, it lapses by itself.
/// </summary>
public interface IReplicaLeases
{
    /// <summary>The lease <paramref name="name"/> if no other replica holds it; null if one does.</summary>
    /// <exception cref="LeaseUnavailableException">The shared store cannot be reached, so nobody can be sure who holds it.</exception>
    Task<IReplicaLease?> TryTakeAsync(string name, CancellationToken ct);
}

public interface IReplicaLease : IAsyncDisposable
{
    /// <summary>Cancelled when the lease could not be kept alive (another replica may hold it now).</summary>
    CancellationToken Lost { get; }
}

public sealed class LeaseUnavailableException(string message, Exception inner) : Exception(message, inner);

/// <summary>One process on its data folder: every lease is granted (the process's own locks do the rest).</summary>
public sealed class InProcessLeases : IReplicaLeases
{
    public Task<IReplicaLease?> TryTakeAsync(string name, CancellationToken ct) => Task.FromResult<IReplicaLease?>(Granted.Instance);

    private sealed class Granted : IReplicaLease
    {
        public static readonly Granted Instance = new();

        public CancellationToken Lost => CancellationToken.None;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// Leases in Redis: <c>SET gitopshq:lease:NAME HOLDER NX PX ttl</c> takes one; while held it is extended every third of
/// its time by a script that extends it only if the holder still owns it, and given back by a compare-and-delete script,
/// so a holder never extends or removes a lease that lapsed and was taken by another replica.
/// </summary>
public sealed class RedisLeases(RedisConnection redis, ReplicaIdentity replica, ILogger<RedisLeases> logger) : IReplicaLeases
{
    /// <summary>How long a lease outlives a holder that stopped renewing it (crashed or cut off).</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(15);

    private const string ExtendScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end";
    private const string ReleaseScript = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end";

    public static RedisKey Key(string name) => RedisConnection.Prefix + "lease:" + name;

    public async Task<IReplicaLease?> TryTakeAsync(string name, CancellationToken ct)
    {
        var key = Key(name);
        // The holder is named by replica and a fresh id, so two scopes of one replica never take each other's lease.
        var holder = $"{replica.Id}/{Guid.NewGuid():N}";
        bool taken;
        try
        {
            taken = await redis.Database.StringSetAsync(key, holder, TimeToLive, When.NotExists);
        }
        catch (Exception e) when (RedisConnection.IsFailure(e))
        {
            throw new LeaseUnavailableException($"Redis cannot be reached to take the lease '{name}': {e.Message}", e);
        }
        return taken ? new Lease(redis, key, holder, logger) : null;
    }

    private sealed class Lease : IReplicaLease
    {
        private readonly RedisConnection _redis;
        private readonly RedisKey _key;
        private readonly string _holder;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;

        public Lease(RedisConnection redis, RedisKey key, string holder, ILogger logger)
        {
            _redis = redis;
            _key = key;
            _holder = holder;
            _logger = logger;
            _renewing = Task.Run(RenewAsync);
        }

        public CancellationToken Lost => _lost.Token;

        private async Task RenewAsync()
        {
            using var timer = new PeriodicTimer(TimeToLive / 3);
            try
            {
                while (await timer.WaitForNextTickAsync(_stop.Token))
                {
                    bool kept;
                    try
                    {
                        kept = (long)await _redis.Database.ScriptEvaluateAsync(ExtendScript, [_key], [_holder, (long)TimeToLive.TotalMilliseconds]) == 1;
                    }
                    catch (Exception e) when (RedisConnection.IsFailure(e))
                    {
                        _logger.LogWarning("Could not renew the lease {Lease}: {Message}", (string?)_key, e.Message);
                        continue; // it may still be ours; the next renewal tells
                    }
                    if (!kept)
                    {
                        _logger.LogWarning("The lease {Lease} lapsed before it was renewed; its holder stops", (string?)_key);
                        await _lost.CancelAsync();
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_stop.IsCancellationRequested) return;
            await _stop.CancelAsync();
            await _renewing;
            try
            {
                await _redis.Database.ScriptEvaluateAsync(ReleaseScript, [_key], [_holder]);
            }
            catch (Exception e) when (RedisConnection.IsFailure(e))
            {
                // It lapses by itself.
                _logger.LogWarning("Could not give back the lease {Lease} (it lapses within {Ttl}): {Message}", (string?)_key, TimeToLive, e.Message);
            }
            _stop.Dispose();
            _lost.Dispose();
        }
    }
}

public static class ReplicaLeaseExtensions
{
    /// <summary>
    /// Runs one round of the periodic job <paramref name="job"/> if no other replica is running it now; the work's token is
    /// cancelled if the lease is lost. Returns whether this replica ran it. A round that cannot learn who holds the lease
    /// (Redis unreachable) is skipped with a warning: the next round tries again.
    /// </summary>
    public static async Task<bool> RunAloneAsync(this IReplicaLeases leases, string job, Func<CancellationToken, Task> work, ILogger logger, CancellationToken ct)
    {
        IReplicaLease? lease;
        try
        {
            lease = await leases.TryTakeAsync("job:" + job, ct);
        }
        catch (LeaseUnavailableException e)
        {
            logger.LogWarning("Skipping this round of {Job}: {Message}", job, e.Message);
            return false;
        }
        if (lease is null) return false;
        await using (lease)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            try
            {
                await work(linked.Token);
            }
            catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                logger.LogWarning("The round of {Job} stopped: its lease was lost", job);
            }
        }
        return true;
    }
}
