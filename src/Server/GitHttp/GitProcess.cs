using System.Diagnostics;
using GitOpsHQ.Server.Errors;

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

    /// <summary>
    /// Runs git in <paramref name="directory"/> with nothing on standard input, killing it (and its children) when it
    /// runs past <paramref name="limit"/>; then <paramref name="tooLong"/> is the refusal. Returns the exit code and
    /// what git wrote to standard error.
    /// </summary>
    public static async Task<(int Code, string Error)> RunBoundedAsync(string directory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string> environment, TimeSpan limit, Func<Exception> tooLong, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start) ?? throw new ProductException(ErrorCode.Unavailable, "git could not be started.");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        _ = process.StandardOutput.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested) throw;
            throw tooLong();
        }
        return (process.ExitCode, await error);
    }
}
