using System.Diagnostics;

namespace GitOpsHQ.Bench;

/// <summary>The built server as a process; start time is from launch to the first 200 from /healthz.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string url, TimeSpan startTime, string data)
    {
        _process = process;
        Url = url;
        StartTime = startTime;
        AdminToken = File.ReadAllText(Path.Combine(data, "admin-token")).Trim();
    }

    public string Url { get; }
    public TimeSpan StartTime { get; }

    /// <summary>The token the server wrote for its first admin at its first start.</summary>
    public string AdminToken { get; }

    /// <summary>A client of the server's API, signed in with the admin's token.</summary>
    public HttpClient AdminClient(TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = timeout ?? TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        return http;
    }

    /// <param name="settings">More configuration, as command-line settings (<c>--Section:Key=value</c>).</param>
    public static async Task<ServerProcess> StartAsync(string serverDll, string data, params string[] settings)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { serverDll, "--data", data, "--urls", url }.Concat(settings)) start.ArgumentList.Add(arg);
        var watch = Stopwatch.StartNew();
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException("server exited: " + await process.StandardError.ReadToEndAsync());
            try
            {
                if ((await http.GetAsync(url + "/healthz")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(10);
        }
        return new ServerProcess(process, url, watch.Elapsed, data);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
