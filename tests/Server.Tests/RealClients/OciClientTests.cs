using System.Net;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests.RealClients;

/// <summary>oras, crane and flux against the registry: attachments (referrers), copies, and Flux's OCI artifacts.</summary>
public sealed class OciClientTests
{
    private static string Host(TestServer server) => new Uri(server.Url).Authority;

    /// <summary>A published version of each kind: a chart "web" 1.0.0, a base "base" 1.0.0 and a bundle "bundle" 1.0.0.</summary>
    private static async Task PublishScaffoldsAsync(TestServer server)
    {
        using var api = server.Http();
        foreach (var (collection, name) in new[] { ("org-charts", "web"), ("org-kustomize-bases", "base"), ("org-manifest-bundles", "bundle") })
        {
            Assert.Equal(HttpStatusCode.Created, (await api.Post($"/api/v2/{collection}", new { name, scaffold = true })).Status);
            if (collection == "org-charts")
            {
                var (_, chart) = await api.Get("/api/v2/org-charts/web/files/Chart.yaml");
                await api.WriteFile(collection, name, "Chart.yaml",
                    System.Text.RegularExpressions.Regex.Replace(chart.Str("text"), "(?m)^version: .*$", "version: 1.0.0"));
            }
            Assert.Equal(HttpStatusCode.Created, (await api.Post($"/api/v2/{collection}/{name}/versions", new { version = "1.0.0" })).Status);
        }
    }

    private static List<JsonNode> Discovered(RealClient oras, string reference)
    {
        var json = JsonNode.Parse(oras.Stdout("discover", "--plain-http", "-o", "json", reference))!;
        return json["manifests"]?.AsArray().Select(m => m!).ToList() ?? [];
    }

    [RealClientFact("oras")]
    public async Task Oras_attaches_signatures_and_sboms_to_versions_and_images_and_they_are_listed_pulled_and_kept()
    {
        var data = TempFolder.Create("oras");
        try
        {
            string host;
            string sbomDigest;
            await using (var server = await TestServer.StartAsync(data))
            {
                await PublishScaffoldsAsync(server);
                host = Host(server);
                using var oras = new RealClient("oras");
                oras.Ok("login", host, "--plain-http", "-u", "org-token", "-p", server.AdminToken);
                File.WriteAllText(Path.Combine(oras.Home, "sbom.spdx.json"), "{\"spdxVersion\":\"SPDX-2.3\",\"name\":\"web\"}\n");
                File.WriteAllText(Path.Combine(oras.Home, "signature.sig"), "signed: web 1.0.0\n");

                // A chart version, a base version and a plain image each get an SBOM and a signature.
                File.WriteAllText(Path.Combine(oras.Home, "layer.txt"), "plain image content\n");
                oras.Ok("push", "--plain-http", $"{host}/apps/image:v1", "layer.txt");
                foreach (var target in new[] { $"{host}/charts/web:1.0.0", $"{host}/kustomize-bases/base:1.0.0", $"{host}/apps/image:v1" })
                {
                    oras.Ok("attach", "--plain-http", "--artifact-type", "application/spdx+json", target, "sbom.spdx.json");
                    oras.Ok("attach", "--plain-http", "--artifact-type", "application/vnd.example.signature", "--annotation", "signed-by=release-bot",
                        target, "signature.sig");
                    var found = Discovered(oras, target);
                    Assert.Equal(["application/spdx+json", "application/vnd.example.signature"], found.Select(m => m.Str("artifactType")).Order());
                }

                // The chart's attachments: pulled by digest, never a version or a tag, shown on the version in the API.
                var chartFound = Discovered(oras, $"{host}/charts/web:1.0.0");
                sbomDigest = chartFound.Single(m => m.Str("artifactType") == "application/spdx+json").Str("digest");
                var pulled = Directory.CreateDirectory(Path.Combine(oras.Home, "pulled")).FullName;
                oras.Ok("pull", "--plain-http", $"{host}/charts/web@{sbomDigest}", "-o", pulled);
                Assert.Equal(File.ReadAllText(Path.Combine(oras.Home, "sbom.spdx.json")), File.ReadAllText(Path.Combine(pulled, "sbom.spdx.json")));
                Assert.Equal("1.0.0", oras.Stdout("repo", "tags", "--plain-http", $"{host}/charts/web").Trim());
                using var api = server.Http();
                var (_, version) = await api.Get("/api/v2/org-charts/web/versions/1.0.0");
                var attachments = version["attachments"]!.AsArray();
                Assert.Equal(2, attachments.Count);
                Assert.All(attachments, a => Assert.Equal("admin", a!.Str("attachedBy")));
                Assert.Equal("release-bot", attachments.Single(a => a!.Str("artifactType") == "application/vnd.example.signature")!["annotations"]!["signed-by"]!.GetValue<string>());
                var (_, versions) = await api.Get("/api/v2/org-charts/web/versions");
                Assert.Single(versions["versions"]!.AsArray());

                // A signature of the SBOM hangs under it; a subject that is no version of the chart is refused.
                oras.Ok("attach", "--plain-http", "--artifact-type", "application/vnd.example.signature", $"{host}/charts/web@{sbomDigest}", "signature.sig");
                Assert.Single(Discovered(oras, $"{host}/charts/web@{sbomDigest}"));
                var (_, bundleVersion) = await api.Get("/api/v2/org-manifest-bundles/bundle/versions/1.0.0");
                var bundleDigest = JsonNode.Parse(oras.Stdout("manifest", "fetch", "--descriptor", "--plain-http", $"{host}/manifest-bundles/bundle:1.0.0"))!.Str("digest");
                Assert.Empty(bundleVersion["attachments"]?.AsArray() ?? []);
                var refused = oras.Fails("attach", "--plain-http", "--artifact-type", "application/vnd.example.signature",
                    $"{host}/charts/web@{bundleDigest}", "signature.sig");
                Assert.Contains("not found", refused);

                // Attachments are as immutable as the version: nothing deletes them.
                Assert.NotEqual(0, oras.Run("manifest", "delete", "--plain-http", "--force", $"{host}/charts/web@{sbomDigest}").Code);
            }

            // They live in Git beside the version: after git gc and with the registry's caches gone they still pull.
            Git.Run(Path.Combine(data, "repos", "charts", "web.git"), "gc", "-q", "--prune=now");
            Directory.Delete(Path.Combine(data, "registry"), recursive: true);
            Directory.Delete(Path.Combine(data, "cache"), recursive: true);
            await using (var restarted = await TestServer.StartAsync(data))
            {
                host = Host(restarted);
                using var oras = new RealClient("oras");
                oras.Ok("login", host, "--plain-http", "-u", "org-token", "-p", restarted.AdminToken);
                Assert.Equal(2, Discovered(oras, $"{host}/charts/web:1.0.0").Count);
                var pulled = Directory.CreateDirectory(Path.Combine(oras.Home, "pulled")).FullName;
                oras.Ok("pull", "--plain-http", $"{host}/charts/web@{sbomDigest}", "-o", pulled);
                Assert.Contains("SPDX-2.3", File.ReadAllText(Path.Combine(pulled, "sbom.spdx.json")));
            }
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    [RealClientFact("crane")]
    public async Task Crane_lists_reads_and_copies_catalog_versions_with_equal_digests()
    {
        await using var server = await TestServer.StartAsync();
        await PublishScaffoldsAsync(server);
        var host = Host(server);
        using var crane = new RealClient("crane");
        crane.Ok("auth", "login", host, "-u", "org-token", "-p", server.AdminToken);

        Assert.Equal("1.0.0", crane.Stdout("ls", "--insecure", $"{host}/charts/web").Trim());
        var digest = crane.Stdout("digest", "--insecure", $"{host}/charts/web:1.0.0").Trim();
        var manifest = JsonNode.Parse(crane.Stdout("manifest", "--insecure", $"{host}/charts/web:1.0.0"))!;
        Assert.Equal("application/vnd.cncf.helm.chart.content.v1.tar+gzip", manifest["layers"]![0]!.Str("mediaType"));
        Assert.Contains("charts/web", crane.Stdout("catalog", "--insecure", host));

        foreach (var (source, copy) in new[] { ("charts/web", "mirror/web"), ("kustomize-bases/base", "mirror/base") })
        {
            crane.Ok("copy", "--insecure", $"{host}/{source}:1.0.0", $"{host}/{copy}:1.0.0");
            Assert.Equal(crane.Stdout("digest", "--insecure", $"{host}/{source}:1.0.0"), crane.Stdout("digest", "--insecure", $"{host}/{copy}:1.0.0"));
        }
        Assert.Equal(digest, crane.Stdout("digest", "--insecure", $"{host}/mirror/web:1.0.0").Trim());
    }

    [RealClientFact("flux")]
    public async Task Flux_pulls_and_builds_published_bases_and_bundles_and_round_trips_its_own_artifacts()
    {
        await using var server = await TestServer.StartAsync();
        await PublishScaffoldsAsync(server);
        var host = Host(server);
        using var flux = new RealClient("flux");
        var creds = $"org-token:{server.AdminToken}";
        using var api = server.Http();

        foreach (var (kind, collection, name) in new[] { ("kustomize-bases", "org-kustomize-bases", "base"), ("manifest-bundles", "org-manifest-bundles", "bundle") })
        {
            var output = Directory.CreateDirectory(Path.Combine(flux.Home, name)).FullName;
            var printed = flux.Ok("pull", "artifact", $"oci://{host}/{kind}/{name}:1.0.0", "--output", output, "--creds", creds);
            Assert.Contains($"source /git/{kind}/{name}.git", printed);
            var (_, version) = await api.Get($"/api/v2/{collection}/{name}/versions/1.0.0");
            Assert.Contains($"revision 1.0.0@sha1:{version.Str("commit")}", printed);

            // Exactly the version's files.
            var (_, tree) = await api.Get($"/api/v2/{collection}/{name}/tree?ref=1.0.0");
            var expected = tree["entries"]!.AsArray().Select(f => f!.Str("path")).Order().ToList();
            var actual = Directory.GetFiles(output, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(output, f)).Order().ToList();
            Assert.Equal(expected, actual);
            foreach (var path in expected)
            {
                var (_, file) = await api.Get($"/api/v2/{collection}/{name}/files/{path}?ref=1.0.0");
                Assert.Equal(file.Str("text"), File.ReadAllText(Path.Combine(output, path)));
            }
        }

        // flux build kustomization renders the pulled base and bundle as the controller would.
        foreach (var (name, kind) in new[] { ("base", "Deployment"), ("bundle", "NetworkPolicy") })
        {
            var kustomization = Path.Combine(flux.Home, $"{name}-ks.yaml");
            File.WriteAllText(kustomization, $"""
                apiVersion: kustomize.toolkit.fluxcd.io/v1
                kind: Kustomization
                metadata:
                  name: {name}
                  namespace: flux-system
                spec:
                  interval: 10m
                  path: ./
                  prune: true
                  targetNamespace: shop
                  sourceRef:
                    kind: OCIRepository
                    name: {name}
                """);
            var built = flux.Stdout("build", "kustomization", name, "--path", Path.Combine(flux.Home, name), "--kustomization-file", kustomization, "--dry-run");
            Assert.Contains($"kind: {kind}", built);
            Assert.Contains("namespace: shop", built);
            Assert.Contains($"kustomize.toolkit.fluxcd.io/name: {name}", built);
        }

        // flux push artifact into a plain repository, and back.
        var source = Directory.CreateDirectory(Path.Combine(flux.Home, "app")).FullName;
        File.WriteAllText(Path.Combine(source, "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  k: v\n");
        flux.Ok("push", "artifact", $"oci://{host}/apps/app:v1", "--path", source, "--source", "https://example.com/app.git",
            "--revision", "main@sha1:0123456789abcdef0123456789abcdef01234567", "--creds", creds);
        var back = Directory.CreateDirectory(Path.Combine(flux.Home, "back")).FullName;
        var pulledBack = flux.Ok("pull", "artifact", $"oci://{host}/apps/app:v1", "--output", back, "--creds", creds);
        Assert.Contains("source https://example.com/app.git", pulledBack);
        Assert.Equal(File.ReadAllText(Path.Combine(source, "cm.yaml")), File.ReadAllText(Path.Combine(back, "cm.yaml")));
        Assert.Contains("main@sha1:0123456789abcdef0123456789abcdef01234567", flux.Stdout("list", "artifacts", $"oci://{host}/apps/app", "--creds", creds));
        Assert.Contains("1.0.0@sha1:", flux.Stdout("list", "artifacts", $"oci://{host}/kustomize-bases/base", "--creds", creds));
    }
}
