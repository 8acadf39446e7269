using GitOpsHQ.Files;
using System.Diagnostics;
using System.Formats.Tar;
using GitOpsHQ.Kustomize;

namespace GitOpsHQ.Cli;

/// <summary>
/// The files of a Git repository at a ref ("URL?ref=REF"), fetched shallowly with the user's git (its credentials
/// and configuration), for remote kustomize bases.
/// </summary>
internal static class RemoteFetch
{
    private const long LargestRepository = 100 * 1024 * 1024;

    public static FileSet Files(string url)
    {
        var q = url.IndexOf("?ref=", StringComparison.Ordinal);
        var (address, reference) = q < 0 ? (url, "HEAD") : (url[..q], url[(q + 5)..]);
        var directory = Directory.CreateTempSubdirectory("gitopshq-remote-");
        try
        {
            Git(directory.FullName, "init", "-q", "--bare", ".");
            Git(directory.FullName, "fetch", "-q", "--depth", "1", "--no-tags", address, reference);
            using var archive = Git(directory.FullName, "archive", "--format=tar", "FETCH_HEAD");
            var files = new List<(string Path, byte[] Content)>();
            long total = 0;
            using var reader = new TarReader(archive);
            while (reader.GetNextEntry() is { } entry)
            {
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                    continue;
                total += entry.Length;
                if (total > LargestRepository)
                    throw new KustomizeBuildException($"the remote base {url} is larger than {LargestRepository / 1024 / 1024} MiB");
                using var content = new MemoryStream();
                entry.DataStream.CopyTo(content);
                files.Add((entry.Name, content.ToArray()));
            }
            return FileSet.From(files);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static MemoryStream Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new KustomizeBuildException("git could not be started");
        var error = process.StandardError.ReadToEndAsync();
        var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new KustomizeBuildException($"fetching {arguments[^1]}: git {arguments[0]} failed: {error.Result.Trim()}");
        output.Position = 0;
        return output;
    }
}
