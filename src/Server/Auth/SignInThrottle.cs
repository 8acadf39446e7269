using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Failed sign-ins, counted per username and per client address within a sliding window (Sessions:FailureWindow):
/// once either has reached its limit, further attempts are refused without checking the password until the oldest
/// failure leaves the window. A successful sign-in clears the username's count (not the address's). Kept in memory;
/// time comes from the injected clock.
/// </summary>
public sealed class SignInThrottle(IOptions<BrowserSessionOptions> options, TimeProvider clock)
{
    /// <summary>Above this many keys, keys with no failure left in the window are forgotten.</summary>
    private const int PruneAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _failures = new(StringComparer.Ordinal);

    private BrowserSessionOptions Options => options.Value;

    /// <summary>How long until this username (if any) and address may try again; null when they may now.</summary>
    public TimeSpan? Wait(string? username, string address)
    {
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
        lock (_gate)
        {
            _failures.Remove(UserKey(username));
        }
    }

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
