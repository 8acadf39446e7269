using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Replicas;

/// <summary>
/// A throwaway redis-server (Debian's, installed by scripts/prerequisites.sh) on a free 127.0.0.1 port, without
/// persistence, in a temporary folder; stopped when the tests of the class are done.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public static string? Binary { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(folder => folder == "" ? null : Path.Combine(folder, "redis-server")).FirstOrDefault(File.Exists);

    private Process? _process;
    private string? _folder;

    public int Port { get; private set; }

    /// <summary>The Redis:Configuration setting for a server using this Redis.</summary>
    public string Setting => $"--Redis:Configuration=127.0.0.1:{Port}";

    public async Task InitializeAsync()
    {
        if (Binary is null) return;
        _folder = TempFolder.Create("redis");
        Port = Ports.Free();
        var start = new ProcessStartInfo(Binary) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _folder };
        foreach (var arg in new[] { "--port", Port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                if (await CommandAsync("PING") == "+PONG") return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
            }
            if (_process.HasExited || DateTime.UtcNow >= deadline)
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends one inline command and returns the first line of the reply (e.g. "+OK", ":1").</summary>
    public async Task<string> CommandAsync(string command)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadLineAsync() ?? "";
    }

    public async Task DisposeAsync()
    {
        if (_process is not null) await Command.StopAsync(_process);
        if (_folder is not null) TempFolder.Delete(_folder);
    }
}

/// <summary>A fact that needs redis-server: skipped, with the reason, where it is not installed.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        if (RedisServer.Binary is null) Skip = "redis-server is not installed (scripts/prerequisites.sh installs it); this test runs replicas sharing a Redis";
    }
}
