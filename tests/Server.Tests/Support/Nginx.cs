using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// Debian's nginx in front of a test server, with the locations shipped in <c>deploy/gitopshq/files/nginx-locations.conf</c>
/// (blob downloads offloaded): its own prefix folder, configuration, pid and error log in a temporary folder, on a free
/// 127.0.0.1 port, in the foreground; stopped and removed on dispose.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    public const string Program = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _prefix;

    private Nginx(Process process, string prefix, int port)
    {
        _process = process;
        _prefix = prefix;
        Port = port;
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}";
    public string Host => $"127.0.0.1:{Port}";

    public static string? MissingReason() =>
        File.Exists(Program) ? null : "Debian's nginx is not installed (scripts/prerequisites.sh installs nginx-light)";

    public static string ShippedLocations => Path.Combine(SourceTree.Root, "deploy", "gitopshq", "files", "nginx-locations.conf");

    /// <summary>Starts nginx in front of <paramref name="upstream"/> (host:port) serving blobs from <paramref name="dataFolder"/>.</summary>
    public static Task<Nginx> StartAsync(string upstream, string dataFolder) =>
        StartWithAsync((prefix, port) =>
        {
            File.WriteAllText(Path.Combine(prefix, "locations.conf"), File.ReadAllText(ShippedLocations).Replace("DATA_FOLDER", dataFolder));
            return $$"""
                    upstream gitopshq { server {{upstream}}; keepalive 16; }
                    server {
                        listen 127.0.0.1:{{port}};
                        include {{prefix}}/locations.conf;
                    }
                """;
        });

    /// <summary>Starts nginx with the inside of its <c>http</c> block written by <paramref name="http"/> (given the prefix folder and the port to listen on).</summary>
    public static async Task<Nginx> StartWithAsync(Func<string, int, string> http)
    {
        var prefix = TempFolder.Create("nginx");
        var port = Ports.Free();
        var servers = http(prefix, port);
        // As root, the workers would run as nobody and could not read the private data folder.
        var user = Environment.UserName == "root" ? "user root;" : "";
        File.WriteAllText(Path.Combine(prefix, "nginx.conf"), $$"""
            daemon off;
            {{user}}
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 512; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/client-body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
            {{servers}}
            }
            """);
        var start = new ProcessStartInfo(Program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-e", Path.Combine(prefix, "error.log") })
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var nginx = new Nginx(process, prefix, port);
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return nginx;
            }
            catch (SocketException) when (i < 100 && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var log = nginx.ErrorLog();
                await nginx.DisposeAsync();
                throw new InvalidOperationException("nginx did not start: " + log);
            }
        }
    }

    public string ErrorLog() => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public async ValueTask DisposeAsync()
    {
        await Command.StopAsync(_process);
        TempFolder.Delete(_prefix);
    }
}

/// <summary>A fact skipped, with the reason, where Debian's nginx or one of the real clients named is absent.</summary>
public sealed class NginxFactAttribute : FactAttribute
{
    public NginxFactAttribute(params string[] tools)
    {
        if (Nginx.MissingReason() is { } reason) Skip = reason;
        else if (tools.FirstOrDefault(t => RealTools.Find(t) is null) is { } missing) Skip = RealTools.MissingReason(missing);
    }
}
