using GitOpsHQ.Files;
using System.Text;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// <c>.Files</c> rules one by one. The oracle cases HelmCharts/files-object and files-v1 check the same methods
/// through <c>helm template</c>; these cover what the oracle cannot print (binary text, Helm's type name) and the
/// glob rules in isolation.
/// </summary>
public class FilesObjectTests
{
    private static readonly string[] Paths =
    [
        "README.md", "conf/a.conf", "conf/b.conf", "conf/sub/c.conf", "data/x.yaml", "data/y.json", "a,b", "b}", "q?",
    ];

    private static FilesObject Files(params string[] paths) =>
        FilesObject.FromChart(paths.Select(p => KeyValuePair.Create(p, Encoding.UTF8.GetBytes("content of " + p))), "v2");

    private static string Matches(string pattern) => string.Join(" ", Files(Paths).Glob(pattern).Keys.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData("conf/*", "conf/a.conf conf/b.conf")]
    [InlineData("conf/**", "conf/a.conf conf/b.conf conf/sub/c.conf")]
    [InlineData("**.conf", "conf/a.conf conf/b.conf conf/sub/c.conf")]
    [InlineData("**/*.conf", "conf/a.conf conf/b.conf conf/sub/c.conf")]
    [InlineData("*/*.conf", "conf/a.conf conf/b.conf")]
    [InlineData("*", "README.md a,b b} q?")]
    [InlineData("conf/?.conf", "conf/a.conf conf/b.conf")]
    [InlineData("conf/?", "")]
    [InlineData("data/*.{yaml,json}", "data/x.yaml data/y.json")]
    [InlineData("{README.md,conf/sub/*}", "README.md conf/sub/c.conf")]
    [InlineData("{README.md,conf/sub/*", "README.md conf/sub/c.conf")]
    [InlineData("conf/[ab].conf", "conf/a.conf conf/b.conf")]
    [InlineData("conf/[!a].conf", "conf/b.conf")]
    [InlineData("conf/[b-z].conf", "conf/b.conf")]
    [InlineData("conf[/]a.conf", "conf/a.conf")]
    [InlineData("a,b", "a,b")]
    [InlineData("b}", "b}")]
    [InlineData("q\\?", "q?")]
    [InlineData("README.MD", "")]
    [InlineData("", "")]
    public void Glob_follows_gobwas_glob_with_slash_as_separator(string pattern, string expected) =>
        Assert.Equal(expected, Matches(pattern));

    [Fact]
    public void A_pathological_pattern_matches_in_linear_time()
    {
        var path = string.Concat(Enumerable.Repeat("a/", 2000)) + "b";
        var files = FilesObject.FromChart([KeyValuePair.Create(path, new byte[] { 1 })], "v2");

        Assert.Empty(files.Glob(string.Concat(Enumerable.Repeat("**a", 50)) + "c"));
        Assert.Single(files.Glob(string.Concat(Enumerable.Repeat("**a", 50)) + "**b"));
    }

    [Theory]
    [InlineData("[")]
    [InlineData("conf/[]")]
    [InlineData("conf/[z-a].conf")]
    [InlineData("conf/[a-")]
    public void A_pattern_that_does_not_compile_matches_every_file(string pattern) =>
        Assert.Equal(Paths.Length, Files(Paths).Glob(pattern).Count);

    [Fact]
    public void Helms_own_files_templates_and_subcharts_are_not_offered()
    {
        var files = Files("Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json", "requirements.yaml",
            "templates/a.yaml", "charts/sub/Chart.yaml", "charts/sub-1.0.0.tgz", "charts/sub-1.0.0.tgz.prov", "crds/crd.yaml", ".helmignore", "LICENSE");

        Assert.Equal(["charts/sub-1.0.0.tgz.prov", "crds/crd.yaml", ".helmignore", "LICENSE"], files.Keys);
    }

    [Fact]
    public void Requirements_files_are_offered_only_for_apiVersion_v1_charts()
    {
        var data = new[] { KeyValuePair.Create("requirements.yaml", new byte[] { 1 }), KeyValuePair.Create("requirements.lock", new byte[] { 2 }) };

        Assert.Equal(2, FilesObject.FromChart(data, "v1").Count);
        Assert.Empty(FilesObject.FromChart(data, "v2"));
    }

    [Fact]
    public void Get_drops_a_byte_order_mark_and_keeps_bytes_that_are_not_utf8()
    {
        var files = FilesObject.FromChart(
        [
            KeyValuePair.Create("bom.txt", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'h', (byte)'i' }),
            KeyValuePair.Create("bin", new byte[] { 0, 0xFF, (byte)'a', 0xE2, 0x82 }),
        ], "v2");

        Assert.Equal("hi", files.Get("bom.txt"));
        // A Go string holds the bytes: each one outside valid UTF-8 is kept, and comes back as that byte.
        Assert.Equal("\0\uDCFFa\uDCE2\uDC82", files.Get("bin"));
        Assert.Equal([0, 0xFF, (byte)'a', 0xE2, 0x82], GitOpsHQ.GoTemplate.Values.GoStrings.Bytes(files.Get("bin")));
        Assert.Equal(5, GitOpsHQ.GoTemplate.Values.GoStrings.ByteCount(files.Get("bin")));
        Assert.Equal([0, 0xFF, (byte)'a', 0xE2, 0x82], files.GetBytes("bin"));
        Assert.Equal("", files.Get("missing"));
        Assert.Empty(files.GetBytes("missing"));
    }

    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\nb", new[] { "a", "b" })]
    [InlineData("a\n\n", new[] { "a", "" })]
    [InlineData("\n", new[] { "" })]
    [InlineData("a\r\nb\r\n", new[] { "a\r", "b\r" })]
    [InlineData("", new string[0])]
    public void Lines_split_on_newlines_without_the_last_one(string content, string[] expected)
    {
        var files = FilesObject.FromChart([KeyValuePair.Create("f", Encoding.UTF8.GetBytes(content))], "v2");

        Assert.Equal(expected, files.Lines("f"));
        Assert.Empty(files.Lines("missing"));
    }

    [Fact]
    public void AsConfig_and_AsSecrets_key_by_base_name_in_sorted_order()
    {
        var files = FilesObject.FromChart(
        [
            KeyValuePair.Create("z/b.txt", Encoding.UTF8.GetBytes("two\n")),
            KeyValuePair.Create("a.txt", Encoding.UTF8.GetBytes("one")),
        ], "v2");

        Assert.Equal("a.txt: one\nb.txt: |\n  two", files.AsConfig());
        Assert.Equal("a.txt: b25l\nb.txt: dHdvCg==", files.AsSecrets());
        Assert.Equal("{}", FilesObject.Empty.AsConfig());
    }

    [Fact]
    public void Templates_see_Helms_type_and_can_chain_methods()
    {
        var chart = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: f\nversion: 1.0.0\n"),
            ChartFiles.Text("conf/a.conf", "x=1\n"),
            ChartFiles.Text("templates/cm.yaml",
                "type: {{ printf \"%T\" .Files }}\nglob: {{ printf \"%T\" (.Files.Glob \"*\") }}\n{{ (.Files.Glob \"conf/*\").AsConfig }}\n"),
        };

        Assert.Equal("---\n# Source: f/templates/cm.yaml\ntype: engine.files\nglob: engine.files\na.conf: |\n  x=1\n",
            ChartRenderer.Render(FileSet.From(chart), RenderOptions.Default));
    }
}
