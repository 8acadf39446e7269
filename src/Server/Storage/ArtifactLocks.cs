using System.Collections.Concurrent;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// The one write scope per artifact that every writer holds — API edits and publishes, git receive-pack (from its
/// pre-receive check to its ref updates), OCI push imports and attachments: one writer at a time within this server (a
/// semaphore) and across every server process on the data folder (an exclusive lock on <c>DATA/locks/&lt;kind&gt;/&lt;name&gt;.lock</c>,
/// which the operating system releases if a process dies). Ref updates compare and swap as well, so a write based on a
/// stale head is refused even where a writer bypasses this scope.
/// </summary>
public sealed class ArtifactLocks(DataLayout layout)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string kind, string name, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(kind + "/" + name, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            return new Release(gate, await LockFileAsync(layout.LockFile(kind, name), ct));
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static async Task<FileStream> LockFileAsync(string path, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var backoff = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix and a share lock on Windows.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e.GetType() == typeof(IOException)) // held elsewhere (its subclasses are other failures)
            {
                await Task.Delay(backoff, ct);
                backoff = backoff * 2 > MaxBackoff ? MaxBackoff : backoff * 2;
            }
        }
    }

    private sealed class Release(SemaphoreSlim gate, FileStream file) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) != 0) return;
            file.Dispose();
            gate.Release();
        }
    }
}
