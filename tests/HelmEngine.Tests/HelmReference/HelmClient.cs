using System.Diagnostics;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// The real Helm client (v3.13), a second reference beside the Go oracle: found at $HELM_BINARY or at
/// ../shared/tools/helm beside the repository. Every run gets its own HELM_CONFIG_HOME, HELM_CACHE_HOME and
/// HELM_DATA_HOME, so runs never share state and may run in parallel.
/// </summary>
internal static class HelmClient
{
    /// <summary>The Helm version the committed expectations were made with.</summary>
    public const string Version = "v3.13.3";

    /// <summary>Set to 1 to rewrite the committed helm expectations from the real client (see <see cref="HelmExpectations"/>).</summary>
    public const string RegenerateVariable = "HELM_REFERENCE_REGENERATE";

    public static readonly string? Binary = Locate();

    public static bool Regenerating => Environment.GetEnvironmentVariable(RegenerateVariable) == "1";

    public static string MissingReason =>
        $"The Helm client ({Version}) is not available: put it at ../shared/tools/helm beside the repository or set HELM_BINARY.";

    /// <summary>Runs helm with the arguments in the folder, at most two minutes.</summary>
    public static (int Code, string Output, string Error) Run(string workingDirectory, IEnumerable<string> args)
    {
        var home = Directory.CreateTempSubdirectory("helm-reference-");
        try
        {
            var start = new ProcessStartInfo(Binary!)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home.FullName, "config");
            start.Environment["HELM_CACHE_HOME"] = Path.Combine(home.FullName, "cache");
            start.Environment["HELM_DATA_HOME"] = Path.Combine(home.FullName, "data");
            start.Environment["KUBECONFIG"] = Path.Combine(home.FullName, "kubeconfig");
            start.Environment.Remove("HELM_DEBUG");
            start.Environment.Remove("HELM_NAMESPACE");
            start.Environment.Remove("HELM_KUBECONTEXT");
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("helm did not finish within two minutes.");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string? Locate()
    {
        var configured = Environment.GetEnvironmentVariable("HELM_BINARY");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }
        var repository = RepositoryDirectory();
        if (repository is null)
        {
            return null;
        }
        var binary = Path.GetFullPath(Path.Combine(repository, "..", "shared", "tools", "helm"));
        return File.Exists(binary) ? binary : null;
    }

    /// <summary>The repository's root (the folder of GitOpsHQ.sln), found upwards from the test binaries.</summary>
    public static string? RepositoryDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln")))
            {
                return dir.FullName;
            }
        }
        return null;
    }
}

/// <summary>A theory that needs the real Helm client and is skipped, with the reason, without it.</summary>
public sealed class HelmTheoryAttribute : TheoryAttribute
{
    public HelmTheoryAttribute()
    {
        if (HelmClient.Binary is null)
        {
            Skip = HelmClient.MissingReason;
        }
    }
}
