using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// Debian's PostgreSQL in a temporary cluster (<c>initdb</c>, <c>pg_ctl</c>) on a free 127.0.0.1 port, one per test
/// process, stopped and removed when the process ends. Each test takes its own database (<see cref="CreateDatabase"/>).
/// As root, the cluster runs as the <c>postgres</c> user (PostgreSQL refuses to run as root).
/// </summary>
public sealed class PostgresCluster
{
    private static readonly Lazy<PostgresCluster> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;
    private readonly string _bin;
    private readonly string? _runAs;

    private PostgresCluster(string folder, string bin, string? runAs, int port)
    {
        _folder = folder;
        _bin = bin;
        _runAs = runAs;
        Port = port;
    }

    public int Port { get; }

    public static PostgresCluster Instance => Shared.Value;

    /// <summary>The folder of PostgreSQL's server programs, or null.</summary>
    public static string? Bin { get; } = Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
        : null;

    /// <summary>Why PostgreSQL cannot run here, or null.</summary>
    public static string? MissingReason() =>
        OperatingSystem.IsWindows() || Bin is null ? "Debian's postgresql is not installed (scripts/prerequisites.sh installs it)"
        : Environment.UserName == "root" && !File.Exists("/usr/bin/setpriv") ? "running as root needs setpriv to start PostgreSQL as its own user"
        : null;

    /// <summary>A new, empty database of this cluster; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }
        return ConnectionString(name);
    }

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Database={database};Username=postgres;Pooling=true;Maximum Pool Size=20;Timeout=30";

    private static PostgresCluster Start()
    {
        if (MissingReason() is { } reason) throw new InvalidOperationException(reason);
        var folder = TempFolder.Create("postgres");
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        var data = Path.Combine(folder, "data");
        var sockets = Path.Combine(folder, "run");
        Directory.CreateDirectory(sockets);
        if (runAs is not null)
        {
            // The cluster's user must own its folders and reach them through the temporary folder.
            Run("/usr/bin/chown", null, "-R", runAs, folder);
        }
        var port = Ports.Free();
        var cluster = new PostgresCluster(folder, Bin!, runAs, port);
        cluster.Server("initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync");
        cluster.Server("pg_ctl", "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        cluster.StopWhenGone(Environment.ProcessId);
        return cluster;
    }

    // The test host does not always run its exit handlers (the runner may end it), and pg_ctl leaves the server running
    // in a session of its own: a watchdog outside the host's process tree stops the cluster once the host is gone.
    private void StopWhenGone(int host)
    {
        var stop = string.Join(' ', new[] { _runAs is null ? "" : $"/usr/bin/setpriv --reuid {_runAs} --regid {_runAs} --clear-groups --reset-env",
            Path.Combine(_bin, "pg_ctl"), "-D", Quote(Path.Combine(_folder, "data")), "-m", "immediate", "-w", "stop" });
        // Its own pipes, dropped at once: it must not hold the test runner's output open.
        var watch = new ProcessStartInfo("/usr/bin/setsid") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-f", "/bin/sh", "-c", $"exec </dev/null >/dev/null 2>&1; while kill -0 {host}; do sleep 2; done; {stop}; rm -rf {Quote(_folder)}" })
            watch.ArgumentList.Add(a);
        using var process = Process.Start(watch);
        process?.WaitForExit();
    }

    private static string Quote(string path) => "'" + path.Replace("'", "'\\''") + "'";

    private void Stop()
    {
        try
        {
            Server("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
        }
        TempFolder.Delete(_folder);
    }

    private void Server(string program, params string[] args) => Run(Path.Combine(_bin, program), _runAs, args);

    private static void Run(string program, string? runAs, params string[] args)
    {
        var start = runAs is null ? new ProcessStartInfo(program) : new ProcessStartInfo("/usr/bin/setpriv");
        if (runAs is not null)
        {
            foreach (var a in new[] { "--reuid", runAs, "--regid", runAs, "--clear-groups", "--reset-env", program }) start.ArgumentList.Add(a);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }
}

/// <summary>A fact that needs a real PostgreSQL: skipped, with the reason, where it is not installed.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresCluster.MissingReason() is { } reason) Skip = reason;
    }
}
