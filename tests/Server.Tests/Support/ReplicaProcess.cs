using System.Diagnostics;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// One server process of several on a shared data folder, on a fixed 127.0.0.1 port so a balancer in front finds it
/// again after a restart. Unlike <see cref="ServerProcess"/> it leaves the shared folder alone when it ends.
/// </summary>
public sealed class ReplicaProcess : IAsyncDisposable
{
    private readonly string _data;
    private readonly string[] _settings;
    private Process? _process;
    private readonly System.Text.StringBuilder _output = new();

    public ReplicaProcess(string data, int port, params string[] settings)
    {
        _data = data;
        Port = port;
        _settings = settings;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public bool Running => _process is { HasExited: false };

    /// <summary>What the process printed (both streams), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "GitOpsHQ.Server.dll"), "--data", _data, "--urls", Url }.Concat(_settings))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Line(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
            if (line.Contains("is listening on ")) listening.TrySetResult();
        }
        process.OutputDataReceived += (_, e) => Line(e.Data);
        process.ErrorDataReceived += (_, e) => Line(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        var exited = process.WaitForExitAsync();
        var done = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90)));
        if (done != listening.Task) throw new InvalidOperationException($"replica on port {Port} did not start: {Output}");
    }

    /// <summary>SIGKILL: the process ends at once, as on a node lost.</summary>
    public void Kill()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM, as an orchestrator stops a replica: requests under way finish, then the process exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        Command.Run("/bin/kill", ["-TERM", _process.Id.ToString()]);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        try
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _process = null;
    }
}
