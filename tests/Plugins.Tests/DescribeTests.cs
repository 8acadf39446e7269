using System.Reflection;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm;
using GitOpsHQ.Plugins.Kustomize;
using GitOpsHQ.Plugins.Manifests;
using Grpc.Core;

namespace GitOpsHQ.Plugins.Tests;

public class DescribeTests
{
    [Theory]
    [InlineData(typeof(HelmChartHandler), "charts", "org-charts", "Helm chart", "helm")]
    [InlineData(typeof(KustomizeBaseHandler), "kustomize-bases", "org-kustomize-bases", "Kustomize base", "kustomize")]
    [InlineData(typeof(ManifestBundleHandler), "manifest-bundles", "org-manifest-bundles", "Manifest bundle", "manifests")]
    public async Task Each_plugin_says_which_artifact_kind_it_owns(Type handlerType, string kind, string collection, string displayName, string sourceType)
    {
        var handler = (ArtifactHandler.ArtifactHandlerBase)Activator.CreateInstance(handlerType)!;

        var description = await handler.Describe(new DescribeRequest(), Artifact.Call("Describe"));

        Assert.Equal(kind, description.Kind);
        Assert.Equal(collection, description.Collection);
        Assert.Equal(displayName, description.DisplayName);
        Assert.Equal(sourceType, description.SourceType);
        Assert.Equal(
            handlerType.Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion,
            description.PluginVersion);
        Assert.NotEmpty(description.PluginVersion);
    }

    [Theory]
    [InlineData(typeof(HelmChartHandler))]
    [InlineData(typeof(KustomizeBaseHandler))]
    [InlineData(typeof(ManifestBundleHandler))]
    public void Each_plugin_assembly_has_exactly_one_handler_the_server_can_create(Type handlerType)
    {
        var handlers = handlerType.Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ArtifactHandler.ArtifactHandlerBase).IsAssignableFrom(t))
            .ToList();

        Assert.Equal([handlerType], handlers);
        Assert.True(handlerType.IsPublic);
        Assert.NotNull(handlerType.GetConstructor(Type.EmptyTypes));
        foreach (var rpc in (string[])["Describe", "Scaffold", "Validate", "Package", "Render"])
        {
            Assert.Equal(handlerType, handlerType.GetMethod(rpc)!.DeclaringType);
        }
    }

    [Fact]
    public async Task A_helm_chart_renders_in_process_with_values_and_options()
    {
        var handler = new HelmChartHandler();
        var request = new RenderRequest { Name = "web", Values = { "replicas: 3\n" } };
        request.Files.Add(Text("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"));
        request.Files.Add(Text("values.yaml", "replicas: 1\n"));
        request.Files.Add(Text("templates/cm.yaml", "kind: ConfigMap\nname: {{ .Release.Name }}\nnamespace: {{ .Release.Namespace }}\nreplicas: {{ .Values.replicas }}\n"));
        request.Options.Add("release-name", "prod");
        request.Options.Add("namespace", "apps");

        var response = await handler.Render(request, Artifact.Call("Render"));

        Assert.Empty(response.Diagnostics);
        Assert.Equal("---\n# Source: web/templates/cm.yaml\nkind: ConfigMap\nname: prod\nnamespace: apps\nreplicas: 3\n", response.Manifests);
    }

    [Fact]
    public async Task A_helm_chart_that_fails_to_render_answers_the_error_and_unknown_options_are_refused()
    {
        var handler = new HelmChartHandler();
        var request = new RenderRequest { Name = "web" };
        request.Files.Add(Text("Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n"));
        request.Files.Add(Text("templates/cm.yaml", "{{ required \"image.tag is required\" .Values.image }}\n"));

        var response = await handler.Render(request, Artifact.Call("Render"));
        Assert.Equal("", response.Manifests);
        Assert.Contains("image.tag is required", Assert.Single(response.Diagnostics).Message);

        request.Options.Add("colour", "blue");
        var error = await Assert.ThrowsAsync<RpcException>(() => handler.Render(request, Artifact.Call("Render")));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("unknown render option 'colour'", error.Status.Detail);
    }

    private static ArtifactFile Text(string path, string text) =>
        new() { Path = path, Content = Google.Protobuf.ByteString.CopyFromUtf8(text) };

    [Fact]
    public async Task A_kustomize_base_renders_in_process_and_unsupported_fields_are_diagnostics()
    {
        var handler = new KustomizeBaseHandler();
        var request = new RenderRequest { Name = "base" };
        request.Files.Add(new ArtifactFile { Path = "kustomization.yaml", Content = Google.Protobuf.ByteString.CopyFromUtf8("resources:\n- cm.yaml\nnamePrefix: dev-\n") });
        request.Files.Add(new ArtifactFile { Path = "cm.yaml", Content = Google.Protobuf.ByteString.CopyFromUtf8("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n") });

        var rendered = await handler.Render(request, Artifact.Call("Render"));

        Assert.Empty(rendered.Diagnostics);
        Assert.Equal("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: dev-settings\n", rendered.Manifests);

        request.Files[0] = new ArtifactFile { Path = "kustomization.yaml", Content = Google.Protobuf.ByteString.CopyFromUtf8("resources:\n- cm.yaml\nhelmCharts: []\n") };
        var refused = await handler.Render(request, Artifact.Call("Render"));
        Assert.Equal("", refused.Manifests);
        Assert.Contains("helmCharts", Assert.Single(refused.Diagnostics).Message);
    }
}
