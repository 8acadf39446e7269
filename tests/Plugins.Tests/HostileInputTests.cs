using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm;
using GitOpsHQ.Plugins.Kustomize;
using GitOpsHQ.Plugins.Manifests;
using GitOpsHQ.Plugins.Tests.Helm;

namespace GitOpsHQ.Plugins.Tests;

/// <summary>Whatever the files hold, validation answers with diagnostics and never throws.</summary>
public class HostileInputTests
{
    // Theory data names the input only: xUnit would otherwise serialize megabytes per case.
    public static TheoryData<string> HostileInputs =>
    [
        "deep block nesting", "deep flow nesting", "deep map nesting", "binary", "invalid UTF-8", "too large",
        "unbalanced quotes", "tabs for indentation", "undefined alias", "self-referencing anchor", "only a tag",
    ];

    private static byte[] Content(string label) => label switch
    {
        "deep block nesting" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5000).Select(i => new string(' ', i) + "k:\n"))),
        "deep flow nesting" => Encoding.UTF8.GetBytes(new string('[', 200_000)),
        "deep map nesting" => Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{a: ", 50_000))),
        "binary" => [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe],
        "invalid UTF-8" => [0x61, 0x3a, 0x20, 0xc3, 0x28],
        "too large" => Encoding.UTF8.GetBytes("a: " + new string('x', 5 * 1024 * 1024)),
        "unbalanced quotes" => Encoding.UTF8.GetBytes("a: \"\nb: '\n"),
        "tabs for indentation" => Encoding.UTF8.GetBytes("a:\n\tb: 1\n"),
        "undefined alias" => Encoding.UTF8.GetBytes("a: *nothing\n"),
        "self-referencing anchor" => Encoding.UTF8.GetBytes("a: &x\n  b: *x\n"),
        "only a tag" => Encoding.UTF8.GetBytes("!!binary\n"),
        _ => throw new ArgumentOutOfRangeException(nameof(label)),
    };

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Helm_reports_instead_of_crashing(string label)
    {
        var content = Content(label);
        foreach (var path in (string[])["Chart.yaml", "values.yaml", "ci/values.yaml"])
        {
            var files = ChartFiles.Minimal().Where(f => f.Path != path).Append(Artifact.File(path, content));
            var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest("web", files), Artifact.Call());

            Assert.True(response.Diagnostics.Count > 0 || label is "self-referencing anchor" or "only a tag", $"{label} in {path}");
        }
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Kustomize_reports_instead_of_crashing(string label)
    {
        var content = Content(label);
        var files = new List<ArtifactFile> { Artifact.File("kustomization.yaml", "resources: [a.yaml]\n"), Artifact.File("a.yaml", content) };
        var response = await new KustomizeBaseHandler().Validate(Artifact.ValidateRequest("web", files), Artifact.Call());
        Assert.False(response.Valid, label);

        var asKustomization = await new KustomizeBaseHandler().Validate(
            Artifact.ValidateRequest("web", [Artifact.File("kustomization.yaml", content)]), Artifact.Call());
        Assert.False(asKustomization.Valid, label);
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public async Task Manifests_report_instead_of_crashing(string label)
    {
        var content = Content(label);
        var files = new List<ArtifactFile> { Artifact.File("a.yaml", content) };

        var validated = await new ManifestBundleHandler().Validate(Artifact.ValidateRequest("web", files), Artifact.Call());
        var rendered = await new ManifestBundleHandler().Render(Artifact.RenderRequest("web", files), Artifact.Call());

        Assert.False(validated.Valid, label);
        if (label is "self-referencing anchor")
        {
            // Go's YAML (kubectl, Flux) refuses an anchor that contains itself; so does the stream.
            Assert.Contains(rendered.Diagnostics, d => d.Message.Contains("anchor 'x' value contains itself"));
        }
        else if (label is "only a tag")
        {
            // YAML, just not Kubernetes objects: rendering passes the text through.
            Assert.Empty(rendered.Diagnostics);
            Assert.NotEmpty(rendered.Manifests);
        }
        else
        {
            Assert.Contains(rendered.Diagnostics, d => d.Severity == Severity.Error);
            Assert.Equal("", rendered.Manifests);
        }
    }

    [Fact]
    public async Task Deeply_chained_kustomizations_are_refused()
    {
        var files = new List<ArtifactFile> { Artifact.File("kustomization.yaml", "resources: [d]\n") };
        var directory = "d";
        for (var i = 0; i < 2000; i++)
        {
            files.Add(Artifact.File($"{directory}/kustomization.yaml", "resources: [d]\n"));
            directory += "/d";
        }

        var response = await new KustomizeBaseHandler().Validate(Artifact.ValidateRequest("web", files), Artifact.Call());

        Assert.Contains(response.Diagnostics, d => d.Message.Contains("more than 32 levels", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_schema_that_references_itself_does_not_loop()
    {
        var files = Artifact.With(ChartFiles.Minimal(), "values.schema.json",
            "{\"definitions\": {\"node\": {\"type\": \"object\", \"properties\": {\"child\": {\"$ref\": \"#/definitions/node\"}}}}, \"$ref\": \"#/definitions/node\"}");

        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest("web", files), Artifact.Call());

        Expect.Clean(response);
    }
}
