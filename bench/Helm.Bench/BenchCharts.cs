using GitOpsHQ.Files;

namespace GitOpsHQ.Bench.Helm;

/// <summary>
/// The charts measured: the differential test charts the engine is proven byte-identical on — a web application on
/// the shared <c>common</c> library chart (about 15 templates), and a platform chart of three such applications.
/// </summary>
internal static class BenchCharts
{
    public static readonly string[] Names = ["library-web-app", "platform-three-apps"];

    public static string Directory(string name) =>
        Path.Combine(RepositoryRoot(), "tests", "HelmEngine.Tests", "HelmCharts", name, "chart");

    public static string Oracle => Environment.GetEnvironmentVariable("HELM_ORACLE") is { Length: > 0 } configured
        ? configured
        : Path.Combine(RepositoryRoot(), ".cache", "helm-oracle");

    /// <summary>The chart's files as a render takes them, read from disk (what a cold render starts from).</summary>
    public static FileSet Read(string directory) =>
        FileSet.From(System.IO.Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Select(file => (Path.GetRelativePath(directory, file).Replace('\\', '/'), File.ReadAllBytes(file))));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("run the benchmark from inside the repository");
    }
}
