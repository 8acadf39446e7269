namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>A chart directory on disk as the files the renderer takes (see <see cref="GitOpsHQ.Files.FileSet"/>).</summary>
internal static class ChartFiles
{
    public static List<(string Path, byte[] Content)> From(string directory) => Directory
        .EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => (Path.GetRelativePath(directory, f).Replace('\\', '/'), File.ReadAllBytes(f)))
        .ToList();

    public static (string Path, byte[] Content) Text(string path, string text) =>
        (path, System.Text.Encoding.UTF8.GetBytes(text));
}
