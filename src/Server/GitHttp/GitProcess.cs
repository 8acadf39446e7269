using System.Diagnostics;

namespace GitOpsHQ.Server.GitHttp;

/// <summary>
/// Runs a git service (`upload-pack`, `receive-pack`) for one HTTP request, streaming the request body to its
/// standard input and its standard output to the response as they go: no pack is held in memory.
/// </summary>
public static class GitProcess
{
    public static async Task<int> RunAsync(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment,
        Stream? input, Stream output, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        var error = process.StandardError.ReadToEndAsync(ct);
        try
        {
            var feed = Task.Run(async () =>
            {
                try
                {
                    if (input is not null) await input.CopyToAsync(process.StandardInput.BaseStream, ct);
                }
                catch (IOException)
                {
                    // git stopped reading (it refused the request); its own output says why.
                }
                finally
                {
                    process.StandardInput.Close();
                }
            }, ct);
            await process.StandardOutput.BaseStream.CopyToAsync(output, ct);
            await feed;
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        await error;
        return process.ExitCode;
    }
}
