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
        Directory.CreateDirectory(layout.Locks);
        await using var gate = await LockAsync(Path.Combine(layout.Locks, "key-ring.lock"), ct);
        var now = clock.GetUtcNow();
        if (!keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now.AddDays(2)))
            keys.CreateNewKey(now, now.AddDays(90));
    }

    private static async Task<FileStream> LockAsync(string path, CancellationToken ct)
    {
        for (var wait = 1; ; wait = Math.Min(wait * 2, 100))
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException))
            {
                await Task.Delay(wait, ct);
            }
        }
    }
}
