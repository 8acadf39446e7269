using System.Text;
using GitOpsHQ.Plugins.Sdk.Files;
using Grpc.Core;

namespace GitOpsHQ.Plugins.Tests.Sdk;

public class FileSetTests
{
    [Theory]
    [InlineData("", "empty path")]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("a/../../b", "'..' segment")]
    [InlineData("a//b", "empty, '.' or '..' segment")]
    [InlineData("./a", "'.'")]
    [InlineData("a\\b", "use '/'")]
    public void Bad_paths_are_the_callers_mistake(string path, string fragment)
    {
        var error = Assert.Throws<RpcException>(() => ArtifactFiles.ToFileSet([Artifact.File(path, "x")]));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains(fragment, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_listed_twice_is_refused()
    {
        var error = Assert.Throws<RpcException>(() => ArtifactFiles.ToFileSet([Artifact.File("a", "1"), Artifact.File("a", "2")]));
        Assert.Contains("more than once", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_that_is_both_file_and_directory_is_refused()
    {
        var error = Assert.Throws<RpcException>(() => ArtifactFiles.ToFileSet([Artifact.File("a", "1"), Artifact.File("a/b", "2")]));
        Assert.Contains("both a file and a directory", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Looks_up_files_directories_and_text()
    {
        var files = ArtifactFiles.ToFileSet([
            Artifact.File("b.yaml", "\uFEFFkind: A"),
            Artifact.File("dir/x.yaml", "x"),
            Artifact.File("dir/sub/y.yaml", "y"),
            Artifact.File("bin", [0x00, 0x01]),
            Artifact.File("latin1", [0xE9]),
        ]);

        Assert.Equal(["b.yaml", "bin", "dir/sub/y.yaml", "dir/x.yaml", "latin1"], files.Paths);
        Assert.True(files.Contains("dir/x.yaml"));
        Assert.False(files.Contains("dir"));
        Assert.True(files.IsDirectory("dir"));
        Assert.False(files.IsDirectory("di"));
        Assert.Equal(["sub", "x.yaml"], files.List("dir"));
        Assert.Equal("kind: A", files.Text("b.yaml"));
        Assert.Null(files.Text("bin"));
        Assert.Null(files.Text("latin1"));
        Assert.Equal(Encoding.UTF8.GetBytes("x"), files.Bytes("dir/x.yaml"));
    }

    [Theory]
    [InlineData("", "a.yaml", "a.yaml")]
    [InlineData("overlays/prod", "../../base", "base")]
    [InlineData("a", "./b/./c/", "a/b/c")]
    [InlineData("a", "..", "")]
    [InlineData("", "..", null)]
    [InlineData("a", "../../b", null)]
    [InlineData("a", "/etc/passwd", null)]
    [InlineData("", "C:/x", null)]
    public void Resolves_relative_paths_inside_the_artifact(string directory, string relative, string? expected)
    {
        Assert.Equal(expected, ArtifactPath.Resolve(directory, relative));
    }
}
