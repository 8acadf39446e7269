using GitOpsHQ.Plugins.Helm;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class HelmScaffoldTests
{
    [Fact]
    public async Task The_scaffold_is_a_complete_chart()
    {
        var scaffold = await new HelmChartHandler().Scaffold(new() { Name = "payments-api", Description = "Takes payments" }, Artifact.Call());

        Assert.Equal(
        [
            ".helmignore", "Chart.yaml", "README.md",
            "templates/NOTES.txt", "templates/_helpers.tpl", "templates/deployment.yaml", "templates/hpa.yaml",
            "templates/ingress.yaml", "templates/service.yaml", "templates/serviceaccount.yaml",
            "values.schema.json", "values.yaml",
        ], scaffold.Files.Select(f => f.Path));
    }

    [Fact]
    public async Task The_scaffold_validates_clean_and_publishes_as_0_1_0()
    {
        var handler = new HelmChartHandler();
        var scaffold = await handler.Scaffold(new() { Name = "payments-api", Description = "Takes payments" }, Artifact.Call());

        var response = await handler.Validate(Artifact.ValidateRequest("payments-api", scaffold.Files, "0.1.0"), Artifact.Call());

        Expect.Clean(response);
        Assert.Equal("Takes payments", response.Description);
    }

    [Fact]
    public async Task Chart_yaml_carries_the_name_and_description()
    {
        var scaffold = await new HelmChartHandler().Scaffold(new() { Name = "web", Description = "Says \"hi\": #1\nfor all" }, Artifact.Call());
        var stream = new YamlStream();
        stream.Load(new StringReader(Artifact.Text(scaffold.Files, "Chart.yaml")));
        var chart = (YamlMappingNode)stream.Documents[0].RootNode;

        Assert.Equal("v2", chart["apiVersion"].ToString());
        Assert.Equal("web", chart["name"].ToString());
        Assert.Equal("Says \"hi\": #1\nfor all", chart["description"].ToString());
        Assert.Equal("application", chart["type"].ToString());
        Assert.Equal("0.1.0", chart["version"].ToString());
        Assert.Equal("1.0.0", chart["appVersion"].ToString());
    }

    [Fact]
    public async Task Templates_use_the_charts_named_helpers()
    {
        var scaffold = await new HelmChartHandler().Scaffold(new() { Name = "web" }, Artifact.Call());
        var helpers = Artifact.Text(scaffold.Files, "templates/_helpers.tpl");

        foreach (var helper in (string[])["name", "fullname", "chart", "labels", "selectorLabels", "serviceAccountName"])
        {
            Assert.Contains($"define \"web.{helper}\"", helpers, StringComparison.Ordinal);
        }

        Assert.Contains("include \"web.serviceAccountName\"", Artifact.Text(scaffold.Files, "templates/deployment.yaml"), StringComparison.Ordinal);
        Assert.Contains("include \"web.selectorLabels\"", Artifact.Text(scaffold.Files, "templates/service.yaml"), StringComparison.Ordinal);
        Assert.All(scaffold.Files, file => Assert.DoesNotContain("__", Artifact.Text(scaffold.Files, file.Path), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_a_description_the_chart_gets_one()
    {
        var scaffold = await new HelmChartHandler().Scaffold(new() { Name = "web" }, Artifact.Call());

        Assert.Contains("description: \"A Helm chart for web\"", Artifact.Text(scaffold.Files, "Chart.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Web")]
    [InlineData("web_api")]
    [InlineData("-web")]
    [InlineData("a-very-long-name-that-goes-on-and-on-well-beyond-the-sixty-three-limit")]
    public async Task Names_that_cannot_name_kubernetes_objects_are_refused(string name)
    {
        await Expect.InvalidArgument(() => new HelmChartHandler().Scaffold(new() { Name = name }, Artifact.Call()), name.Length == 0 ? "required" : "not a usable artifact name");
    }
}
