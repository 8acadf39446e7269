using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The Data Protection key ring in <c>DATA/keys</c> (stored credentials, signed tokens) is one for every replica on the
/// folder: at start, under an exclusive lock on <c>DATA/locks/key-ring.lock</c>, a server creates the first key only when the
/// folder holds no usable one, so replicas starting together on an empty folder end up with the same single key instead
/// of one each (a secret protected by one replica must be readable by every other).
/// </summary>
public static class KeyRing
{
    public static async Task EnsureAsync(DataLayout layout, IKeyManager keys, TimeProvider clock, CancellationToken ct)
    {
        await using var gate = await FileLock.AcquireAsync(Path.Combine(layout.Locks, "key-ring.lock"), ct);
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            keys.CreateNewKey(now, now.AddDays(90));
    }
}
