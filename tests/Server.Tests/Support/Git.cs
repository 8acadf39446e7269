namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The real `git` CLI, for checking what the server wrote.</summary>
public static class Git
{
    public static string Run(string gitDir, params string[] args)
    {
        var (code, output, error) = TryRun(gitDir, args);
        if (code != 0) throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {error}");
        return output;
    }

    public static (int Code, string Output, string Error) TryRun(string gitDir, params string[] args) =>
        Command.Run("git", ["--git-dir=" + gitDir, .. args]);
}
