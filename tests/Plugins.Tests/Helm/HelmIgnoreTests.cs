using GitOpsHQ.Helm.Ignore;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class HelmIgnoreTests
{
    [Theory]
    // Patterns without '/' match the last segment at any depth.
    [InlineData("*.txt", "notes.txt", true)]
    [InlineData("*.txt", "docs/deep/notes.txt", true)]
    [InlineData("*.txt", "notes.txt.yaml", false)]
    [InlineData("temp?", "a/temp1", true)]
    [InlineData("temp?", "a/temp12", false)]
    [InlineData("a[b-d].txt", "ac.txt", true)]
    [InlineData("a[b-d].txt", "ae.txt", false)]
    [InlineData("a[!b].txt", "ab.txt", false)]
    [InlineData("a[!b].txt", "ax.txt", true)]
    // A name matching a directory leaves out everything below it.
    [InlineData(".git", ".git/config", true)]
    [InlineData("secrets", "templates/secrets/x.yaml", true)]
    // A trailing '/' matches directories only.
    [InlineData("mydir/", "mydir/file", true)]
    [InlineData("mydir/", "mydir", false)]
    [InlineData("mydir/", "other/mydir/file", true)]
    // A leading '/' or an inner '/' matches from the chart root.
    [InlineData("/*.txt", "top.txt", true)]
    [InlineData("/*.txt", "sub/top.txt", false)]
    [InlineData("/foo.txt", "foo.txt", true)]
    [InlineData("docs/*.md", "docs/a.md", true)]
    [InlineData("docs/*.md", "docs/x/a.md", false)]
    [InlineData("*/temp*", "a/temp1", true)]
    [InlineData("*/temp*", "a/b/temp1", false)]
    // '**' spans any number of directories.
    [InlineData("**/ci", "ci/values.yaml", true)]
    [InlineData("**/ci", "a/b/ci/values.yaml", true)]
    [InlineData("docs/**", "docs/a/b.md", true)]
    [InlineData("a/**/b.txt", "a/b.txt", true)]
    [InlineData("a/**/b.txt", "a/x/y/b.txt", true)]
    // Comments, blank lines and negation.
    [InlineData("# *.yaml\n\n", "values.yaml", false)]
    [InlineData("*.md\n!README.md", "README.md", false)]
    [InlineData("*.md\n!README.md", "CHANGES.md", true)]
    [InlineData("!README.md\n*.md", "README.md", true)]
    [InlineData("docs/\n!docs/keep.md", "docs/keep.md", true)]
    // Helm always leaves out hidden files in templates/.
    [InlineData("", "templates/.swp", true)]
    [InlineData("", "templates/.hidden/x.yaml", true)]
    [InlineData("", "templates/deployment.yaml", false)]
    [InlineData("", ".helmignore", false)]
    public void Follows_helms_rules(string helmignore, string path, bool excluded)
    {
        Assert.Equal(excluded, HelmIgnore.Parse(helmignore).Excludes(path));
    }

    [Fact]
    public void The_helmignore_file_is_packaged_unless_it_lists_itself()
    {
        Assert.False(HelmIgnore.Parse("*.tmp\n").Excludes(".helmignore"));
        Assert.True(HelmIgnore.Parse(".helmignore\n").Excludes(".helmignore"));
    }

    [Fact]
    public void Windows_line_endings_and_surrounding_spaces_are_ignored()
    {
        var ignore = HelmIgnore.Parse("  *.bak  \r\nci/\r\n");

        Assert.True(ignore.Excludes("values.bak"));
        Assert.True(ignore.Excludes("ci/test-values.yaml"));
    }
}
