namespace GitOpsHQ.Fuzz.Tests.Harness;

/// <summary>Inputs that once failed, one file each under Regressions/&lt;target&gt;/, copied next to the tests.</summary>
public static class Regressions
{
    public static string Root => Path.Combine(AppContext.BaseDirectory, "Regressions");

    /// <summary>Files as "target/name", in a stable order.</summary>
    public static IEnumerable<string> Files() =>
        Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                .Where(f => f.Contains('/') && !f.EndsWith(".md", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
            : [];

    public static string TargetOf(string file) => file[..file.IndexOf('/')];
}
