using GitOpsHQ.Files;
using System.Text;

namespace GitOpsHQ.Kustomize.Tests;

public sealed class RemoteSourceTests
{
    [Theory]
    [InlineData("https://h/git/kustomize-bases/web.git?ref=1.0.0", "https://h/git/kustomize-bases/web.git", "1.0.0", "")]
    [InlineData("https://h/git/kustomize-bases/web.git//overlays/prod?ref=1.0.0", "https://h/git/kustomize-bases/web.git", "1.0.0", "overlays/prod")]
    [InlineData("https://h/git/kustomize-bases/web.git/prod?version=v2", "https://h/git/kustomize-bases/web.git", "v2", "prod")]
    [InlineData("http://h:5080/team/repo//base?ref=main&timeout=30s", "http://h:5080/team/repo", "main", "base")]
    [InlineData("git::https://h/team/repo.git//base", "https://h/team/repo.git", "", "base")]
    [InlineData("https://github.com/acme/base/prod?ref=v1", "https://github.com/acme/base", "v1", "prod")]
    [InlineData("https://h/team/web.github.io.git?ref=x", "https://h/team/web.github.io.git", "x", "")]
    public void Git_urls_are_split_into_repository_ref_and_directory(string entry, string repository, string reference, string directory)
    {
        var source = RemoteGitSource.Parse(entry)!;

        Assert.Equal((repository, reference, directory), (source.Repository, source.Ref, source.Directory));
        Assert.Equal(reference.Length == 0 ? repository : $"{repository}?ref={reference}", source.Url);
    }

    [Theory]
    [InlineData("https://h/raw/deployment.yaml")]
    [InlineData("../base")]
    public void Plain_file_urls_and_paths_are_not_git_directories(string entry) => Assert.Null(RemoteGitSource.Parse(entry));

    [Fact]
    public void A_build_names_the_remote_base_it_needs_and_builds_it_once_given()
    {
        var overlay = new[] { Text("kustomization.yaml", "resources:\n- https://h/git/kustomize-bases/web.git//prod?ref=1.0.0\nnamePrefix: x-\n") };
        var missing = Assert.Throws<RemoteSourceMissingException>(() => KustomizeBuild.Run(FileSet.From(overlay), "", new FetchedRemoteSources(
            new Dictionary<string, FileSet>())));
        Assert.Equal("https://h/git/kustomize-bases/web.git?ref=1.0.0", missing.Url);

        var web = FileSet.From([
            Text("prod/kustomization.yaml", "resources:\n- cm.yaml\n"),
            Text("prod/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n"),
        ]);
        var output = KustomizeBuild.Run(FileSet.From(overlay), "", new FetchedRemoteSources(new Dictionary<string, FileSet> { [missing.Url] = web }));

        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x-web\n", output);
    }

    private static (string Path, byte[] Content) Text(string path, string text) => (path, Encoding.UTF8.GetBytes(text));
}
