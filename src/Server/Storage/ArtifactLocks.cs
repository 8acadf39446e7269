using System.Collections.Concurrent;
using GitOpsHQ.Server.Cluster;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The one write scope per artifact that every writer holds — API edits and publishes, git receive-pack (from its
/// pre-receive check to its ref updates), OCI push imports and attachments: one writer at a time within this server (a
/// semaphore) and across every server process on the data folder (an exclusive lock on <c>DATA/locks/&lt;kind&gt;/&lt;name&gt;.lock</c>,
/// which the operating system releases if a process dies). Ref updates compare and swap as well, so a write based on a
/// stale head is refused even where a writer bypasses this scope.
/// <para>
/// Replicas on a shared folder (NFS and the like, where a file lock may not hold between machines) also take a lease per
/// artifact in Redis (<see cref="IReplicaLeases"/>), before the file lock: a writer waits at most Cluster:WriteWait for
/// another replica's write and is then refused with 503 UNAVAILABLE ("another replica is writing …; retry"), and a
/// writer that cannot reach Redis is refused the same way rather than write unguarded. One server needs no lease.
/// </para>
/// </summary>
public sealed class ArtifactLocks(DataLayout layout, IReplicaLeases leases, ClusterOptions cluster)
{
    private static readonly TimeSpan MaxLeaseBackoff = TimeSpan.FromMilliseconds(200);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string kind, string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(kind + "/" + name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        IReplicaLease? lease = null;
        try
        {
            lease = await LeaseAsync(kind, name, ct);
            return new Release(gate, lease, await FileLock.AcquireAsync(layout.LockFile(kind, name), ct));
        }
        catch
        {
            if (lease is not null) await lease.DisposeAsync();
            gate.Release();
            throw;
        }
    }

    private async Task<IReplicaLease> LeaseAsync(string kind, string name, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + cluster.WriteWait;
        var backoff = TimeSpan.FromMilliseconds(5);
        while (true)
        {
            IReplicaLease? lease;
            try
            {
                lease = await leases.TryTakeAsync($"write:{kind}/{name}", ct);
            }
            catch (LeaseUnavailableException e)
            {
                throw new ProductException(ErrorCode.Unavailable,
                    $"The write lease for {kind}/{name} cannot be taken because Redis cannot be reached; retry. ({e.InnerException?.Message})");
            }
            if (lease is not null) return lease;
            if (DateTime.UtcNow + backoff > deadline)
                throw new ProductException(ErrorCode.Unavailable,
                    $"Another replica is writing {kind}/{name} and did not finish within {cluster.WriteWait.TotalSeconds:0.#} s (Cluster:WriteWait); retry.");
            await Task.Delay(backoff, ct);
            backoff = backoff * 2 > MaxLeaseBackoff ? MaxLeaseBackoff : backoff * 2;
        }
    }

    private sealed class Release(SemaphoreSlim gate, IReplicaLease lease, FileStream file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            file.Dispose();
            // Given back before the next writer of this process goes, so it finds the lease free (a single server's lease is
            // a completed no-op).
            var giveBack = lease.DisposeAsync();
            if (!giveBack.IsCompleted) giveBack.AsTask().GetAwaiter().GetResult();
            gate.Release();
        }
    }
}
