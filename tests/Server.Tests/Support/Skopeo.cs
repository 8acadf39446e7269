using System.Diagnostics;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Debian's skopeo, as an independent OCI client.</summary>
public static class Skopeo
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        var start = new ProcessStartInfo("skopeo") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = Path.GetTempPath();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public static string Host(TestServer server) => new Uri(server.Url).Authority;
}
