namespace GitOpsHQ.Server.Storage;

/// <summary>
/// An exclusive lock on a file that every server process on the data folder respects and the operating system releases
/// if its holder dies: waited for with a growing pause, until taken or cancelled.
/// </summary>
public static class FileLock
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(50);

    /// <summary>Takes the lock on <paramref name="path"/> (created with its folder if missing); dispose the stream to release it.</summary>
    public static async Task<FileStream> AcquireAsync(string path, CancellationToken ct)
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
}
