using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>A real OCI client against the embedded registry: copy an image layout in and back out, inspect a chart.</summary>
public sealed class SkopeoTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public void An_image_layout_copies_in_and_back_out_byte_identical()
    {
        var work = TempFolder.Create("skopeo");
        try
        {
            var source = Path.Combine(work, "source");
            var (manifestDigest, layerDigest) = OciLayout.Write(source, "v1", "hello from the layout\n");
            var target = $"docker://{Skopeo.Host(_server)}/team/app:v1";
            var creds = $"anyone:{_server.AdminToken}";

            var (code, _, error) = Skopeo.Run("copy", "--dest-tls-verify=false", "--dest-creds", creds, "--preserve-digests", $"oci:{source}:v1", target);
            Assert.True(code == 0, error);

            var (inspectCode, raw, inspectError) = Skopeo.Run("inspect", "--raw", "--tls-verify=false", "--creds", creds, target);
            Assert.True(inspectCode == 0, inspectError);
            Assert.Equal(manifestDigest, OciLayout.Digest(System.Text.Encoding.UTF8.GetBytes(raw)));

            var back = Path.Combine(work, "back");
            (code, _, error) = Skopeo.Run("copy", "--src-tls-verify=false", "--src-creds", creds, target, $"oci:{back}:v1");
            Assert.True(code == 0, error);
            Assert.Equal(File.ReadAllBytes(Path.Combine(source, "blobs", "sha256", layerDigest[7..])),
                File.ReadAllBytes(Path.Combine(back, "blobs", "sha256", layerDigest[7..])));

            var (tagsCode, tags, _) = Skopeo.Run("list-tags", "--tls-verify=false", "--creds", creds, $"docker://{Skopeo.Host(_server)}/team/app");
            Assert.Equal(0, tagsCode);
            Assert.Equal("v1", JsonNode.Parse(tags)!["Tags"]![0]!.GetValue<string>());
        }
        finally
        {
            TempFolder.Delete(work);
        }
    }

    [Fact]
    public async Task A_published_chart_inspects_as_helm_pushes_it()
    {
        using var http = _server.Http();
        await http.Post("/api/v2/org-charts", new { name = "web", scaffold = true, description = "The web tier" });
        await http.Post("/api/v2/org-charts/web/versions", new { version = "0.1.0" });

        var (code, raw, error) = Skopeo.Run("inspect", "--raw", "--tls-verify=false", "--creds", $"x:{_server.AdminToken}",
            $"docker://{Skopeo.Host(_server)}/charts/web:0.1.0");

        Assert.True(code == 0, error);
        var manifest = JsonNode.Parse(raw)!;
        Assert.Equal(2, manifest["schemaVersion"]!.GetValue<int>());
        Assert.Equal("application/vnd.cncf.helm.config.v1+json", manifest["config"]!["mediaType"]!.GetValue<string>());
        Assert.Equal("application/vnd.cncf.helm.chart.content.v1.tar+gzip", manifest["layers"]![0]!["mediaType"]!.GetValue<string>());
        Assert.Equal("web", manifest["annotations"]!["org.opencontainers.image.title"]!.GetValue<string>());
        Assert.Equal("0.1.0", manifest["annotations"]!["org.opencontainers.image.version"]!.GetValue<string>());
        var (_, package) = await http.Get("/api/v2/org-charts/web/versions/0.1.0/package");
        Assert.Equal(package.Str("digest"), manifest["layers"]![0]!["digest"]!.GetValue<string>());
    }
}
