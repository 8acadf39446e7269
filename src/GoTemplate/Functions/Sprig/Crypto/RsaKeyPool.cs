using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// RSA keys generated ahead of use for the key-generating functions (<c>genPrivateKey</c>, <c>genCA</c>,
/// <c>genSelfSignedCert</c>, <c>genSignedCert</c>): generating a key is most of the time of a render that asks for one.
/// Every key is new and handed out once, never again. Each size holds at most a few keys; it starts filling on the first
/// request for that size and is refilled on a background thread after each take; when it is empty a key is generated on
/// the spot, as without the pool.
/// </summary>
internal static class RsaKeyPool
{
    private static readonly Pool Rsa2048 = new(2048, 24);
    private static readonly Pool Rsa4096 = new(4096, 4);

    /// <summary>A new RSA key of <paramref name="bits"/> bits, owned by the caller.</summary>
    public static RSA Take(int bits) => bits switch
    {
        2048 => Rsa2048.Take(),
        4096 => Rsa4096.Take(),
        _ => Generate(bits),
    };

    // The key is generated now (the platform's RSA may otherwise wait for its first use).
    private static RSA Generate(int bits)
    {
        var rsa = RSA.Create(bits);
        rsa.ExportRSAPublicKey();
        return rsa;
    }

    private sealed class Pool(int bits, int capacity)
    {
        private readonly ConcurrentQueue<RSA> _keys = new();
        private int _filling;

        public RSA Take()
        {
            var key = _keys.TryDequeue(out var ready) ? ready : null;
            Refill();
            return key ?? Generate(bits);
        }

        private void Refill()
        {
            if (_keys.Count >= capacity || Interlocked.CompareExchange(ref _filling, 1, 0) != 0)
            {
                return;
            }
            var thread = new Thread(Fill) { IsBackground = true, Priority = ThreadPriority.BelowNormal, Name = $"RSA {bits} keys" };
            thread.Start();
        }

        private void Fill()
        {
            try
            {
                while (_keys.Count < capacity)
                {
                    _keys.Enqueue(Generate(bits));
                }
            }
            catch (CryptographicException)
            {
                // Keys are then generated on the spot, where the failure is reported as the function reports it.
            }
            finally
            {
                Volatile.Write(ref _filling, 0);
            }
        }
    }
}
