using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// Requests to the server's doors, as text a regression file can hold: "METHOD path", header lines, a blank line and
/// the body. Placeholders filled in when sent: {{HEAD:collection/name}} (the artifact's current commit),
/// {{UPLOAD:repository}} (a freshly opened upload session), and {{BLOB0}}/{{SIZE0}}… for the blobs given in
/// "X-Fuzz-Blob: base64" headers, uploaded to the request's repository first.
/// </summary>
public static class RequestGen
{
    public static readonly (string Collection, string Name, string Repository)[] Artifacts =
    [
        ("org-charts", "c", "charts/c"), ("org-kustomize-bases", "k", "kustomize-bases/k"), ("org-manifest-bundles", "m", "manifest-bundles/m"),
    ];

    private static readonly string[] PlainRepositories = ["plain/x", "a", "charts/new", "kustomize-bases/nope", "UPPER/x", "a//b", "a/../b", "a%2fb", "charts"];

    private static string Escape(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    public static byte[] Generate(Random random)
    {
        var (collection, name, repository) = random.Pick(Artifacts);
        var request = random.Next(10) switch
        {
            0 or 1 => FileWrite(random, collection, name),
            2 => Commits(random, collection, name),
            3 or 4 => Render(random),
            5 or 6 => ManifestPut(random, random.Next(3) == 0 ? random.Pick(PlainRepositories) : repository),
            7 or 8 => BlobUpload(random, random.Next(3) == 0 ? random.Pick(PlainRepositories) : repository),
            _ when random.Next(3) == 0 => Text($"POST /api/v2/{collection}/{name}/versions",
                $"{{\"version\":{Json(random.Next(3) == 0 ? "0.1.0" : PathGen.Version(random))},\"notes\":{Json(Strings.Word(random) + Strings.Unicode(random))}" +
                (random.Next(4) == 0 ? $",\"commit\":{Json(PathGen.Ref(random))}" : "") + "}"),
            _ => Read(random, collection, name, repository),
        };
        return random.Next(8) == 0 ? Mutator.Mutate(random, request, ["{{HEAD:org-charts/c}}", "%2e%2e/", "\r\n", "\"", "{", "}"]) : request;
    }

    private static byte[] Text(string head, string body, params string[] headers) =>
        Encoding.UTF8.GetBytes(head + "\n" + string.Concat(headers.Select(h => h + "\n")) + "\n" + body);

    private static string FileText(Random random) => random.Next(3) switch
    {
        0 => TemplateGen.Text(random),
        1 => Encoding.UTF8.GetString(YamlGen.Generate(random)),
        _ => YamlGen.Text(random, 3),
    };

    private static byte[] FileWrite(Random random, string collection, string name)
    {
        var path = random.Next(3) == 0 ? PathGen.Path(random) : random.Pick(["values.yaml", "Chart.yaml", "templates/x.yaml", "kustomization.yaml", "a.yaml", "values.schema.json", "templates/_h.tpl"]);
        var body = $"{{\"text\":{Json(FileText(random))},\"baseCommit\":{Json(random.Next(5) == 0 ? PathGen.Ref(random) : $"{{{{HEAD:{collection}/{name}}}}}")}" +
                   (random.Next(3) == 0 ? $",\"message\":{Json(Strings.Word(random) + Strings.Unicode(random))}" : "") + "}";
        return Text($"PUT /api/v2/{collection}/{name}/files/{(random.Next(4) == 0 ? path : Escape(path))}", body);
    }

    private static byte[] Commits(Random random, string collection, string name)
    {
        var changes = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => random.Next(3) switch
        {
            0 => $"{{\"delete\":{{\"path\":{Json(PathGen.Path(random))}}}}}",
            1 => $"{{\"rename\":{{\"from\":{Json(random.Pick(["values.yaml", "README.md", PathGen.Path(random)]))},\"to\":{Json(PathGen.Path(random))}}}}}",
            _ => $"{{\"write\":{{\"path\":{Json(random.Next(2) == 0 ? "values.yaml" : PathGen.Path(random))},\"text\":{Json(FileText(random))}}}}}",
        });
        return Text($"POST /api/v2/{collection}/{name}/commits",
            $"{{\"baseCommit\":\"{{{{HEAD:{collection}/{name}}}}}\",\"message\":\"m\",\"changes\":[{string.Join(",", changes)}]}}");
    }

    private static readonly string[] Options = ["release-name", "namespace", "kube-version", "api-versions", "set", "set-string", "set-json", "set-literal", "include-crds", "no-hooks", "skip-tests", "is-upgrade", "deterministic", "nope"];

    private static byte[] Render(Random random)
    {
        if (random.Next(3) == 0)
        {
            var overlay = Convert.ToBase64String(KustomizationGen.Generate(random));
            return Text("POST /api/v2/org-kustomize-bases/k/render",
                $"{{\"ref\":{Json(random.Next(2) == 0 ? "main" : PathGen.Ref(random))}" + (random.Next(2) == 0 ? $",\"overlayFiles\":[{{\"path\":{Json(random.Next(4) == 0 ? PathGen.Path(random) : "kustomization.yaml")},\"content\":\"{overlay}\"}}]" : "") + "}");
        }
        var values = Enumerable.Range(0, random.Next(3)).Select(_ => Json(Encoding.UTF8.GetString(YamlGen.Generate(random))));
        var options = Enumerable.Range(0, random.Next(4)).Select(_ => $"{Json(random.Pick(Options))}:{Json(random.Pick(["a=b", "a.b[0]=1", "a={", "x", "true", "v1.20", "1.2", "a\\,b=c", "{\"a\":1}", "a[99999999]=1", "..=1", "a.b.c.d.e.f=" + Strings.Word(random), Strings.Unicode(random)]))}");
        var collection = random.Next(4) == 0 ? random.Pick(["org-manifest-bundles/m", "org-charts/nope"]) : "org-charts/c";
        return Text($"POST /api/v2/{collection}/render",
            $"{{\"ref\":{Json(random.Next(2) == 0 ? "main" : PathGen.Ref(random))},\"values\":[{string.Join(",", values)}],\"options\":{{{string.Join(",", options)}}}}}");
    }

    private static byte[] ManifestPut(Random random, string repository)
    {
        var blobs = new List<string>();
        string? packageVersion = null;
        var manifest = ManifestGen.Manifest(random);
        if (random.Next(2) == 0)
        {
            // A push as helm does it: a config and one layer uploaded first, the manifest naming them.
            // The layer is usually a real chart package of chart c, so the push reaches the import; the config is anything.
            var version = random.Next(4) == 0 ? PathGen.Version(random) : $"{random.Next(1, 9)}.{random.Next(100)}.{random.Next(1000)}";
            packageVersion = version;
            var config = random.Next(3) switch
            {
                0 => JsonGen.Generate(random),
                1 => Encoding.UTF8.GetBytes(ManifestGen.Config(random)),
                _ => Encoding.UTF8.GetBytes($"{{\"name\":\"c\",\"version\":\"{version}\",\"apiVersion\":\"v2\"}}"),
            };
            var layer = random.Next(4) == 0
                ? TarGen.Generate(random, "c/")
                : TarGen.Package([("c/Chart.yaml", $"apiVersion: v2\nname: c\nversion: {version}\n"), ("c/values.yaml", YamlGen.Text(random, 2)),
                    ("c/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n")]);
            blobs.Add(Convert.ToBase64String(config));
            blobs.Add(Convert.ToBase64String(layer));
            var configType = random.Next(3) == 0 ? random.Pick(ManifestGen.MediaTypes) : "application/vnd.cncf.helm.config.v1+json";
            var layerType = random.Next(3) == 0 ? random.Pick(ManifestGen.MediaTypes) : "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
            manifest = $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"config\":{{\"mediaType\":\"{configType}\",\"digest\":\"{{{{BLOB0}}}}\",\"size\":{{{{SIZE0}}}}}}," +
                       $"\"layers\":[{{\"mediaType\":\"{layerType}\",\"digest\":\"{{{{BLOB1}}}}\",\"size\":{{{{SIZE1}}}}}}]" +
                       (random.Next(5) == 0 ? ",\"subject\":{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{{BLOB0}}\",\"size\":1}" : "") + "}";
        }
        var reference = random.Next(4) switch
        {
            0 => "sha256:" + PathGen.Hex(random, 64).ToLowerInvariant().Replace('g', 'a'),
            1 => PathGen.Ref(random),
            _ => PathGen.Version(random).Replace('+', '_'),
        };
        if (packageVersion is not null && random.Next(3) != 0) reference = packageVersion.Replace('+', '_'); // the tag a client gives
        var headers = blobs.Select(b => "X-Fuzz-Blob: " + b).Append("Content-Type: " + random.Pick(ManifestGen.MediaTypes)).ToArray();
        return Text($"PUT /v2/{repository}/manifests/{reference}", manifest, headers);
    }

    private static byte[] BlobUpload(Random random, string repository)
    {
        var content = Mutator.RandomBytes(random, 300);
        var digest = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        var body = Encoding.Latin1.GetString(content);
        return random.Next(6) switch
        {
            0 => Text($"POST /v2/{repository}/blobs/uploads/?digest={(random.Next(3) == 0 ? ManifestGen.Digest(random).Trim('"') : digest)}", body, "Content-Type: application/octet-stream"),
            1 => Text($"POST /v2/{repository}/blobs/uploads/?mount={ManifestGen.Digest(random).Trim('"')}&from={random.Pick(PlainRepositories)}", ""),
            2 => Text($"PATCH /v2/{repository}/blobs/uploads/{{{{UPLOAD:{repository}}}}}", body,
                "Content-Range: " + random.Pick(["0-9", "0-" + (content.Length - 1), "5-2", "-1-3", "x", "0-99999999999999999999", "bytes=0-1"]), "Content-Type: application/octet-stream"),
            3 => Text($"PUT /v2/{repository}/blobs/uploads/{{{{UPLOAD:{repository}}}}}?digest={(random.Next(2) == 0 ? digest : ManifestGen.Digest(random).Trim('"'))}", body),
            4 => Text($"PUT /v2/{repository}/blobs/uploads/{random.Pick([Guid.NewGuid().ToString(), "x", "..", "%00", ""])}?digest={digest}", body),
            _ => Text($"{random.Pick(["GET", "HEAD", "DELETE"])} /v2/{repository}/blobs/{ManifestGen.Digest(random).Trim('"')}", ""),
        };
    }

    private static byte[] Read(Random random, string collection, string name, string repository) => random.Next(5) switch
    {
        0 => Text($"GET /api/v2/{collection}/{name}/files/{Escape(random.Next(2) == 0 ? "values.yaml" : PathGen.Path(random))}?ref={Uri.EscapeDataString(PathGen.Ref(random))}", ""),
        1 => Text($"GET /api/v2/{collection}/{name}/diff?from={Uri.EscapeDataString(PathGen.Ref(random))}&to={Uri.EscapeDataString(PathGen.Ref(random))}", ""),
        2 => Text($"GET /api/v2/{collection}/{name}/tree?ref={Uri.EscapeDataString(PathGen.Ref(random))}", ""),
        3 => Text($"{random.Pick(["GET", "HEAD", "DELETE"])} /v2/{repository}/manifests/{Uri.EscapeDataString(PathGen.Ref(random))}", "", "Accept: " + random.Pick(ManifestGen.MediaTypes)),
        _ => Text($"GET /v2/{repository}/tags/list?n={random.Pick(["1", "-1", "x", "99999999999", ""])}&last={Uri.EscapeDataString(PathGen.Ref(random))}", ""),
    };
}
