using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.Registry;

/// <summary>A published version's digests are a function of its tag: the same after a restart and a cache wipe.</summary>
public sealed class DigestStabilityTests
{
    [Theory]
    [InlineData("org-charts", "charts", "0.1.0")]
    [InlineData("org-kustomize-bases", "kustomize-bases", "1.0.0+build.7")]
    public async Task Digests_survive_a_restart_and_a_cache_wipe(string collection, string kind, string version)
    {
        var data = TempFolder.Create("stable");
        var tag = version.Replace('+', '_');
        try
        {
            string digest;
            string manifest;
            await using (var server = await TestServer.StartAsync(data))
            {
                using var api = server.Http();
                await api.Post($"/api/v2/{collection}", new { name = "app", scaffold = true });
                await api.Post($"/api/v2/{collection}/app/versions", new { version });
                using var oci = OciHttp.Client(server, server.AdminToken);
                var response = await oci.GetAsync($"/v2/{kind}/app/manifests/{tag}");
                digest = response.Headers.GetValues("Docker-Content-Digest").Single();
                manifest = await response.Content.ReadAsStringAsync();
                var tags = JsonNode.Parse(await oci.GetStringAsync($"/v2/{kind}/app/tags/list"))!["tags"]!.AsArray();
                Assert.Equal(tag, tags.Single()!.GetValue<string>());
            }

            Directory.Delete(Path.Combine(data, "cache"), recursive: true);
            Directory.Delete(Path.Combine(data, "registry"), recursive: true);

            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var oci = OciHttp.Client(restarted, restarted.AdminToken);
                var response = await oci.GetAsync($"/v2/{kind}/app/manifests/{digest}");
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(manifest, await response.Content.ReadAsStringAsync());
                var layer = JsonNode.Parse(manifest)!["layers"]![0]!["digest"]!.GetValue<string>();
                Assert.Equal(layer, OciLayout.Digest(await oci.GetByteArrayAsync($"/v2/{kind}/app/blobs/{layer}")));
            }
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
