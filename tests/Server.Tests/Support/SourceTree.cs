namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The repository the tests were built from (GitOpsHQ.sln above the test binaries).</summary>
public static class SourceTree
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln"))) return dir.FullName;
        throw new InvalidOperationException("the repository root is not above the test binaries");
    }
}
