using System.Diagnostics;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Runs a real command-line client (git, skopeo, kubectl, the gitopshq tool) to completion.</summary>
public static class Command
{
    public static (int Code, string Output, string Error) Run(string program, IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null, string? directory = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (directory is not null) start.WorkingDirectory = directory;
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Ends a service a test started (nginx, a registry, redis) with its children, and waits for it to go.</summary>
    public static async Task StopAsync(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        process.Dispose();
    }
}
