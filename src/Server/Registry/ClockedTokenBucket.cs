using System.Threading.RateLimiting;

namespace GitOpsHQ.Server.Registry;

/// <summary>
/// A token bucket for one client: it holds up to a minute's budget and refills continuously (300/minute refills 5 per
/// second), so clients that retry after a short wait — as Helm does — get through while the per-minute promise holds.
/// Time comes from the injected clock, so behaviour is exact and testable.
/// </summary>
public sealed class ClockedTokenBucket(int capacity, double refillPerSecond, TimeProvider clock) : RateLimiter
{
    private readonly Lock _gate = new();
    private double _tokens = capacity;
    private DateTimeOffset _updated = clock.GetUtcNow();
    private DateTimeOffset? _idleSince = clock.GetUtcNow();

    public override TimeSpan? IdleDuration => _idleSince is { } since ? clock.GetUtcNow() - since : null;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = (long)Available() };

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (_gate)
        {
            var available = Available();
            _idleSince = null;
            if (available >= permitCount)
            {
                _tokens = available - permitCount;
                if (_tokens >= capacity) _idleSince = clock.GetUtcNow();
                return Lease.Granted;
            }
            var wait = TimeSpan.FromSeconds(Math.Ceiling((permitCount - available) / refillPerSecond));
            return new Lease(false, wait);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private double Available()
    {
        var now = clock.GetUtcNow();
        _tokens = Math.Min(capacity, _tokens + (now - _updated).TotalSeconds * refillPerSecond);
        _updated = now;
        return _tokens;
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(true, null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
