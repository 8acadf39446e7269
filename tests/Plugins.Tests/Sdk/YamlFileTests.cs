using GitOpsHQ.GoYaml;
using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Tests.Sdk;

public class YamlFileTests
{
    private static (YamlFile? File, ValidationReport Report) Load(byte[] content, YamlLimits? limits = null)
    {
        var report = new ValidationReport();
        var file = YamlFile.Load(ArtifactFiles.ToFileSet([Artifact.File("f.yaml", content)]), "f.yaml", report, limits);
        return (file, report);
    }

    private static (YamlFile? File, ValidationReport Report) Load(string content, YamlLimits? limits = null) =>
        Load(Encoding.UTF8.GetBytes(content), limits);

    [Fact]
    public void Syntax_errors_become_diagnostics_with_line_and_column()
    {
        var (file, report) = Load("a: 1\nb: [1, 2\nc: 3\n");

        Assert.Null(file);
        var error = Expect.Diagnostic(report.Diagnostics, Severity.Error, "f.yaml", "Invalid YAML");
        Assert.True(error.Line >= 2, Artifact.Show(report.Diagnostics));
        Assert.True(error.Column >= 1);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_indentation_points_at_its_line()
    {
        var (_, report) = Load("a:\n  b: 1\n c: 2\n");

        Expect.Diagnostic(report.Diagnostics, Severity.Error, "f.yaml", "Invalid YAML", line: 3);
    }

    [Theory]
    [InlineData("a: 1\na: 2\n", "{\"a\": \"2\"}", 2)]
    [InlineData("a: 1\nb: x\na: 2\na: 3\n", "{\"b\": \"x\", \"a\": \"3\"}", 3)]
    [InlineData("top:\n  a:\n    deep: [1, 2]\n  b: 1\n  a: {n: 1}\n", "{\"top\": {\"b\": \"1\", \"a\": {\"n\": \"1\"}}}", 5)]
    [InlineData("{a: 1, b: 2, a: 3}\n", "{\"b\": \"2\", \"a\": \"3\"}", 1)]
    [InlineData("list:\n- name: x\n  name: y\n- name: z\n", "{\"list\": [{\"name\": \"y\"}, {\"name\": \"z\"}]}", 3)]
    [InlineData("a: |\n  text\n  more\na: 2\n", "{\"a\": \"2\"}", 4)]
    public void A_repeated_key_keeps_its_later_value_with_a_warning(string yaml, string expected, int line)
    {
        var (file, report) = Load(yaml);

        Assert.NotNull(file);
        Assert.Equal(expected, Json(file.Documents[0].RootNode));
        Assert.All(report.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        Expect.Diagnostic(report.Diagnostics, Severity.Warning, "f.yaml", "is given again", line);
        // Positions in the file stay those of the text as written.
        Assert.Equal(yaml, file.Text);
    }

    private static string Json(YamlNode node) => node switch
    {
        YamlMappingNode map => "{" + string.Join(", ", map.Children.Select(p => $"\"{((YamlScalarNode)p.Key).Value}\": {Json(p.Value)}")) + "}",
        YamlSequenceNode list => "[" + string.Join(", ", list.Children.Select(Json)) + "]",
        YamlScalarNode scalar => $"\"{scalar.Value}\"",
        _ => "?",
    };

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_before_loading()
    {
        var deep = new string('[', 100_000) + new string(']', 100_000);
        var (file, report) = Load(deep);

        Assert.Null(file);
        Expect.Diagnostic(report.Diagnostics, Severity.Error, "f.yaml", "nested deeper than 100 levels", line: 1);
    }

    [Fact]
    public void Nesting_up_to_the_limit_loads()
    {
        var (file, report) = Load(new string('[', 100) + new string(']', 100));

        Assert.NotNull(file);
        Assert.Empty(report.Diagnostics);
    }

    [Fact]
    public void Binary_content_is_refused()
    {
        var (file, report) = Load([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0xff]);

        Assert.Null(file);
        Expect.Diagnostic(report.Diagnostics, Severity.Error, "f.yaml", "not UTF-8 text");
    }

    [Fact]
    public void Files_over_the_size_limit_are_refused()
    {
        var (file, report) = Load(new string('a', 2048), new YamlLimits(MaxBytes: 1024));

        Assert.Null(file);
        Expect.Diagnostic(report.Diagnostics, Severity.Error, "f.yaml", "larger than 1024 bytes");
    }

    [Fact]
    public void Multi_document_streams_load_every_document_and_skip_empty_ones()
    {
        var (file, _) = Load("---\na: 1\n---\n# only a comment\n---\nb: 2\n");

        Assert.NotNull(file);
        var roots = file!.Roots.ToList();
        Assert.Equal(2, roots.Count);
        Assert.Equal(6, ((YamlMappingNode)roots[1]).LineOf("b"));
    }

    [Fact]
    public void Mapping_keys_report_their_line()
    {
        var (file, _) = Load("# header\nname: web\n\nversion: 1.0.0\n");
        var map = (YamlMappingNode)file!.Roots.Single();

        Assert.Equal(2, map.LineOf("name"));
        Assert.Equal(4, map.LineOf("version"));
        Assert.Equal("web", map.Get("name").AsString());
        Assert.Null(map.Get("missing"));
    }
}
