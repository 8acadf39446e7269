using System.Diagnostics;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The built server as its own process, for what only a separate process shows (memory, stdout).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, string data, string url)
    {
        _process = process;
        _data = data;
        Url = url;
        AdminToken = File.ReadAllText(Path.Combine(data, "admin-token")).Trim();
    }

    public string Url { get; }
    public string AdminToken { get; }

    /// <summary>What the server printed on standard output after it started listening, line by line.</summary>
    public IReadOnlyCollection<string> Output => _output;

    public static async Task<ServerProcess> StartAsync(string data, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "GitOpsHQ.Server.dll"), "--data", data, "--urls", "http://127.0.0.1:0" }
                     .Concat(TestServer.DatabaseSettings(data, settings)).Concat(settings))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                       ?? throw new InvalidOperationException("server exited: " + await process.StandardError.ReadToEndAsync());
            if (line.Contains("is listening on "))
            {
                var url = line[line.IndexOf("http", StringComparison.Ordinal)..].Trim();
                var server = new ServerProcess(process, data, url);
                _ = Task.Run(async () =>
                {
                    while (await process.StandardOutput.ReadLineAsync() is { } next) server._output.Enqueue(next);
                });
                _ = process.StandardError.ReadToEndAsync();
                return server;
            }
        }
    }

    /// <summary>The process's peak resident memory so far (VmHWM).</summary>
    public long PeakMemoryBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public int ProcessId => _process.Id;

    /// <summary>Ends the server as a crash would (SIGKILL), leaving its data folder as the crash left it.</summary>
    public void Crash()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    /// <summary>The process's resident memory now (VmRSS).</summary>
    public long MemoryBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:"));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        TempFolder.Delete(_data);
    }
}
