namespace GitOpsHQ.Server.GitHttp;

/// <summary>Git smart HTTP under /git (section `GitHttp`).</summary>
public sealed class GitHttpOptions
{
    public const string Section = "GitHttp";

    /// <summary>An editor pushing to a repository path that does not exist creates the artifact.</summary>
    public bool CreateOnPush { get; set; } = true;

    /// <summary>Allow non-fast-forward pushes (force pushes) to main.</summary>
    public bool AllowNonFastForwardMain { get; set; }

    /// <summary>Largest push request body, in bytes.</summary>
    public long MaxPushBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}
