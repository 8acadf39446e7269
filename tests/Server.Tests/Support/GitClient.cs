using System.Diagnostics;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The real git CLI as a user runs it against the server: isolated HOME, no prompts, a fixed identity.</summary>
public sealed class GitClient(string workRoot, string name = "Local Author", string email = "author@example.com")
{
    public string Root => workRoot;

    public (int Code, string Output, string Error) Try(string? directory, params string[] args)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory ?? workRoot,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["HOME"] = workRoot;
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = "";
        start.Environment["GIT_AUTHOR_NAME"] = name;
        start.Environment["GIT_AUTHOR_EMAIL"] = email;
        start.Environment["GIT_COMMITTER_NAME"] = name;
        start.Environment["GIT_COMMITTER_EMAIL"] = email;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }

    public string Run(string? directory, params string[] args)
    {
        var (code, output, error) = Try(directory, args);
        return code == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {error}");
    }

    /// <summary>The clone URL with a token as the password, as `git clone http://user:TOKEN@HOST/...` takes it.</summary>
    public static string Url(TestServer server, string token, string kind, string name) =>
        server.Url.Replace("http://", $"http://anyone:{token}@") + $"/git/{kind}/{name}.git";
}
