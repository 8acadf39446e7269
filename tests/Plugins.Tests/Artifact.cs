using System.Text;
using Google.Protobuf;
using GitOpsHQ.Contracts;
using GitOpsHQ.Contracts.Plugins.V1;
using Grpc.Core;

namespace GitOpsHQ.Plugins.Tests;

/// <summary>Building requests for the handlers and reading their answers.</summary>
internal static class Artifact
{
    public static ServerCallContext Call(string method = "Test") => new InProcessCallContext(method, CancellationToken.None);

    public static ArtifactFile File(string path, string content) =>
        new() { Path = path, Content = ByteString.CopyFromUtf8(content) };

    public static ArtifactFile File(string path, byte[] content) =>
        new() { Path = path, Content = ByteString.CopyFrom(content) };

    public static List<ArtifactFile> Files(params (string Path, string Content)[] files) =>
        files.Select(f => File(f.Path, f.Content)).ToList();

    /// <summary>The files with one replaced (or added when absent).</summary>
    public static List<ArtifactFile> With(IEnumerable<ArtifactFile> files, string path, string content) =>
        files.Where(f => f.Path != path).Append(File(path, content)).ToList();

    public static List<ArtifactFile> Without(IEnumerable<ArtifactFile> files, string path) =>
        files.Where(f => f.Path != path).ToList();

    public static string Text(IEnumerable<ArtifactFile> files, string path) =>
        Encoding.UTF8.GetString(files.Single(f => f.Path == path).Content.ToByteArray());

    public static ValidateRequest ValidateRequest(string name, IEnumerable<ArtifactFile> files, string version = "")
    {
        var request = new ValidateRequest { Name = name, Version = version };
        request.Files.AddRange(files);
        return request;
    }

    public static PackageRequest PackageRequest(string name, string version, IEnumerable<ArtifactFile> files, long timestamp = 1_700_000_000)
    {
        var request = new PackageRequest { Name = name, Version = version, Timestamp = timestamp };
        request.Files.AddRange(files);
        return request;
    }

    public static RenderRequest RenderRequest(string name, IEnumerable<ArtifactFile> files)
    {
        var request = new RenderRequest { Name = name };
        request.Files.AddRange(files);
        return request;
    }

    /// <summary>Every diagnostic on one line each, for assertion messages.</summary>
    public static string Show(IEnumerable<Diagnostic> diagnostics) =>
        string.Join('\n', diagnostics.Select(d => $"{d.Severity} {d.File}:{d.Line}:{d.Column} {d.Message}"));
}
