using System.Collections.Concurrent;
using GitOpsHQ.Server.Cluster;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Tokens revoked lately, for what outlives a token's own check: the registry's bearer tokens are signed, not looked up,
/// and carry the token they were traded for, so one traded for a token revoked since is refused at once instead of living
/// out its five minutes. A revocation is told to every replica (<see cref="IReplicaNotices"/>, topic
/// <c>credential-revoked</c>); an entry is kept as long as a bearer token lives.
/// </summary>
public sealed class RevokedCredentials
{
    public const string Topic = "credential-revoked";

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);
    private readonly IReplicaNotices _notices;
    private readonly TimeProvider _clock;

    public RevokedCredentials(IReplicaNotices notices, TimeProvider clock)
    {
        _notices = notices;
        _clock = clock;
        notices.Subscribe(Topic, Remember);
    }

    /// <summary>Records that the token (its <see cref="TokenAuthenticationHandler.TokenIdClaim"/>) was revoked, here and on every replica.</summary>
    public Task RevokedAsync(string credential)
    {
        Remember(credential);
        return _notices.PublishAsync(Topic, credential);
    }

    public bool IsRevoked(string credential) =>
        credential != "" && _revoked.TryGetValue(credential, out var until) && until > _clock.GetUtcNow();

    private void Remember(string credential)
    {
        var now = _clock.GetUtcNow();
        foreach (var (key, until) in _revoked)
            if (until <= now) _revoked.TryRemove(key, out _);
        _revoked[credential] = now + Registry.RegistryAccess.Lifetime + TimeSpan.FromMinutes(1);
    }
}
