using GitOpsHQ.Files;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// A rendered document must be something Helm can read as a manifest head: a mapping (or nothing), in YAML Go's parser
/// takes. The messages are Helm 3.13's, as <c>helm template</c> prints them.
/// </summary>
public class ManifestDocumentTests
{
    private const string Prefix = "YAML parse error on t/templates/a.yaml: ";

    private static string Render(string document) => ChartRenderer.Render(FileSet.From(
        [ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: t\nversion: 1.0.0\n"), ChartFiles.Text("templates/a.yaml", document)]),
        RenderOptions.Default);

    [Theory]
    [InlineData("- a\n- b\n", "array")]
    [InlineData("hello\n", "string")]
    [InlineData("'3'\n", "string")]
    [InlineData("3\n", "number")]
    [InlineData("1.5\n", "number")]
    [InlineData("yes\n", "bool")]
    public void A_document_that_is_not_a_mapping_is_refused(string document, string kind) =>
        Assert.Equal(
            Prefix + $"error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {kind} into Go value of type releaseutil.SimpleHead",
            Assert.Throws<RenderException>(() => Render(document)).Message);

    [Theory]
    [InlineData("null\n")]
    [InlineData("~\n")]
    [InlineData("# only a comment\n")]
    public void A_null_document_is_fine(string document) => Assert.StartsWith("---\n# Source: t/templates/a.yaml\n", Render(document));

    [Fact]
    public void A_syntax_error_after_a_list_is_reported_first()
    {
        var error = Assert.Throws<RenderException>(() => Render("- a\n- b: [1,\nc: 2\n")).Message;

        Assert.StartsWith(Prefix, error);
        Assert.DoesNotContain("cannot unmarshal", error);
    }

    [Theory]
    [InlineData("a: &lt;b x\n", "yaml: did not find expected alphabetic or numeric character")]
    [InlineData("a: &a.b 1\n", "yaml: did not find expected alphabetic or numeric character")]
    [InlineData("x: 1\ny: 2\nz: 3\nhtml: &lt;a href=&#34;x&#34;&gt;\n", "yaml: line 4: did not find expected alphabetic or numeric character")]
    [InlineData("a: &ok 1\nb: *o.k\n", "yaml: line 2: did not find expected alphabetic or numeric character")]
    public void Anchor_and_alias_names_are_those_Go_takes(string document, string message) =>
        Assert.Equal(Prefix + "error converting YAML to JSON: " + message, Assert.Throws<RenderException>(() => Render(document)).Message);

    [Theory]
    [InlineData("a: &ok-1_x {x: 1}\nb: *ok-1_x\n")]
    [InlineData("a: &x:y 1\n")]
    public void Anchor_names_Go_takes_render(string document) => Assert.Contains(document, Render(document));

    [Fact]
    public void Documents_are_split_where_Helm_splits_them()
    {
        // Checked with the reference renderer: a separator is "\n---" (or "---" first) with the whitespace around it; an
        // indented "---" and one right after another separator's whitespace stay in the document.
        var files = FileSet.From(
        [
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: t\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/a.yaml", "a: 1\n   \n---   \nb: 2\n"),
            ChartFiles.Text("templates/b.yaml", "---\nc: 1\n---\t\n\n---\nd: |\n  x\n  ---\n  y\n"),
            ChartFiles.Text("templates/c.yaml", "e: 1\n---f: 2\n \t\n---\n"),
            ChartFiles.Text("templates/d.yaml", "g: 1\r\n---\r\nh: 2\n"),
        ]);

        Assert.Equal(
            "---\n# Source: t/templates/a.yaml\na: 1\n---\n# Source: t/templates/a.yaml\nb: 2\n"
            + "---\n# Source: t/templates/b.yaml\nc: 1\n---\n# Source: t/templates/b.yaml\n---\nd: |\n  x\n  ---\n  y\n"
            + "---\n# Source: t/templates/c.yaml\ne: 1\n---\n# Source: t/templates/c.yaml\nf: 2\n"
            + "---\n# Source: t/templates/d.yaml\ng: 1\n---\n# Source: t/templates/d.yaml\nh: 2\n",
            ChartRenderer.Render(files, RenderOptions.Default));
    }

    [Fact]
    public void A_document_read_before_is_still_refused_in_the_words_of_the_template_that_prints_it()
    {
        var broken = "kind: A\nb: [1,\nc: 2\n";
        FileSet Chart(string template) => FileSet.From(
            [ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: t\nversion: 1.0.0\n"), ChartFiles.Text(template, broken)]);

        var first = Assert.Throws<RenderException>(() => ChartRenderer.Render(Chart("templates/a.yaml"), RenderOptions.Default)).Message;
        var second = Assert.Throws<RenderException>(() => ChartRenderer.Render(Chart("templates/b.yaml"), RenderOptions.Default)).Message;

        Assert.StartsWith("YAML parse error on t/templates/a.yaml: ", first);
        Assert.Equal(first.Replace("a.yaml", "b.yaml"), second);
    }

    [Fact]
    public void A_document_read_before_keeps_its_kind_and_hook()
    {
        var files = FileSet.From(
        [
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: t\nversion: 1.0.0\n"),
            ChartFiles.Text("templates/a.yaml", "kind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n"),
            ChartFiles.Text("templates/b.yaml", "kind: Service\n---\nkind: Namespace\n"),
        ]);
        var expected = "---\n# Source: t/templates/b.yaml\nkind: Namespace\n---\n# Source: t/templates/b.yaml\nkind: Service\n"
            + "---\n# Source: t/templates/a.yaml\nkind: Job\nmetadata:\n  annotations:\n    helm.sh/hook: pre-install\n";

        Assert.Equal(expected, ChartRenderer.Render(files, RenderOptions.Default));
        Assert.Equal(expected, ChartRenderer.Render(files, RenderOptions.Default));
    }
}
