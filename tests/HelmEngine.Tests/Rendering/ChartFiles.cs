using Google.Protobuf;
using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>A chart directory on disk as the artifact files the renderer takes.</summary>
internal static class ChartFiles
{
    public static List<ArtifactFile> From(string directory) => Directory
        .EnumerateFiles(directory, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => new ArtifactFile
        {
            Path = Path.GetRelativePath(directory, f).Replace('\\', '/'),
            Content = ByteString.CopyFrom(File.ReadAllBytes(f)),
        })
        .ToList();

    public static ArtifactFile Text(string path, string text) =>
        new() { Path = path, Content = ByteString.CopyFromUtf8(text) };
}
