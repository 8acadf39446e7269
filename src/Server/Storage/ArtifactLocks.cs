using System.Collections.Concurrent;

namespace GitOpsHQ.Server.Storage;

/// <summary>One writer at a time per artifact repository within this server.</summary>
public sealed class ArtifactLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string kind, string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(kind + "/" + name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
