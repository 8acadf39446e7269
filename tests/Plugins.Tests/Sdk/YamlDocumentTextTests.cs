using GitOpsHQ.Plugins.Sdk.Yaml;

namespace GitOpsHQ.Plugins.Tests.Sdk;

public class YamlDocumentTextTests
{
    [Fact]
    public void Splits_on_markers_and_keeps_comments()
    {
        const string stream = "# first\na: 1\n---\n# second\nb: 2   # trailing\n\n\n...\n--- # third\nc: 3";

        Assert.Equal(["# first\na: 1\n", "# second\nb: 2   # trailing\n", "# third\nc: 3\n"], YamlDocumentText.NonEmptyDocuments(stream));
    }

    [Fact]
    public void Drops_empty_comment_only_and_null_documents()
    {
        const string stream = "---\n---\n# nothing here\n---\n~\n---\n\na: 1\n---\n";

        Assert.Equal(["a: 1\n"], YamlDocumentText.NonEmptyDocuments(stream));
    }

    [Fact]
    public void Normalises_line_endings_and_drops_directives()
    {
        const string stream = "%YAML 1.1\r\n---\r\na: |\r\n  text\r\n";

        Assert.Equal(["a: |\n  text\n"], YamlDocumentText.NonEmptyDocuments(stream));
    }

    [Fact]
    public void Dashes_inside_content_do_not_split()
    {
        const string stream = "a: |\n  ---\n  text\nb: ---x\n";

        Assert.Equal([stream], YamlDocumentText.NonEmptyDocuments(stream));
    }
}
