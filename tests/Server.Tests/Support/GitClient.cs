namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The real git CLI as a user runs it against the server: isolated HOME, no prompts, a fixed identity.</summary>
public sealed class GitClient(string workRoot, string name = "Local Author", string email = "author@example.com")
{
    public string Root => workRoot;

    public (int Code, string Output, string Error) Try(string? directory, params string[] args) =>
        Command.Run("git", args, new Dictionary<string, string>
        {
            ["HOME"] = workRoot,
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["GIT_AUTHOR_NAME"] = name,
            ["GIT_AUTHOR_EMAIL"] = email,
            ["GIT_COMMITTER_NAME"] = name,
            ["GIT_COMMITTER_EMAIL"] = email,
        }, directory ?? workRoot);

    public string Run(string? directory, params string[] args)
    {
        var (code, output, error) = Try(directory, args);
        return code == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({code}): {error}");
    }

    /// <summary>The clone URL with a token as the password, as `git clone http://user:TOKEN@HOST/...` takes it.</summary>
    public static string Url(TestServer server, string token, string kind, string name) =>
        server.Url.Replace("http://", $"http://anyone:{token}@") + $"/git/{kind}/{name}.git";
}
