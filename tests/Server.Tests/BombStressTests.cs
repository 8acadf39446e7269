using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitOpsHQ.Server.Tests.Support;
using Xunit.Abstractions;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Each known bomb class through each door of a real server process: alias bombs (billion laughs) in values.yaml,
/// Chart.yaml, kustomizations and manifests, deep nesting in values, schemas and OCI manifests and configs, tar size and PAX bombs (in subcharts too), gzip bombs, huge generator counts, string bombs and template recursion without end — by REST, OCI push and git push.
/// Each is refused (naming its limit), the server's peak memory grows by less than 256 MB, and /healthz keeps answering.
/// </summary>
public sealed class BombStressTests(ITestOutputHelper output)
{
    private const long MaxGrowth = 256L * 1024 * 1024;

    private static readonly string[] LimitWords = ["limit", "max", "exceed", "too ", "alias", "depth", "larger", "over ", "deep", "took longer", "within", "more than"];

    private static string BillionLaughs(string prefix = "")
    {
        var yaml = new StringBuilder(prefix).Append("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var c = 'b'; c <= 'j'; c++)
            yaml.Append($"{c}: &{c} [{string.Join(',', Enumerable.Repeat("*" + (char)(c - 1), 9))}]\n");
        return yaml.ToString();
    }

    private static string DeepFlow(int depth) => "deep: " + new string('[', depth) + new string(']', depth) + "\n";

    private const string EndlessRecursion =
        "{{- define \"grow\" }}{{- if lt (int .) 500 }}{{- include \"grow\" (add . 1) }}{{- include \"grow\" (add . 1) }}{{- end }}{{- end }}\n" +
        "{{- include \"grow\" 0 }}\n";

    [Fact]
    public async Task Every_bomb_is_refused_by_its_limit_within_bounded_memory_and_the_server_keeps_answering()
    {
        var data = TempFolder.Create("bombs");
        var work = TempFolder.Create("bombs-work");
        await using var server = await ServerProcess.StartAsync(data, "--Catalog:RenderTimeout=00:00:03");
        using var api = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.AdminToken);
        using var oci = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        oci.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("admin:" + server.AdminToken)));
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/healthz")).StatusCode);
        var baseline = server.PeakMemoryBytes();
        var failures = new List<string>();
        var n = 0;

        async Task Expect(string bomb, Func<Task<(int Status, string Body)>> send, bool deadline = false)
        {
            var watch = Stopwatch.StartNew();
            var (status, body) = await send();
            var growth = server.PeakMemoryBytes() - baseline;
            var healthy = (await api.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
            var named = LimitWords.Any(w => body.Contains(w, StringComparison.OrdinalIgnoreCase));
            // Work that no earlier limit stops ends at the request's render deadline (504 RENDER_TIMEOUT, naming it).
            // A preview answers 200 with the render's error as a diagnostic; everything else answers 4xx (504 at the deadline).
            var refused = deadline ? status == 504 : status is >= 400 and < 500 or 504 || status == 200 && body.Contains("SEVERITY_ERROR", StringComparison.Ordinal);
            output.WriteLine($"{bomb}: {status} in {watch.ElapsedMilliseconds} ms, peak growth {growth / 1024 / 1024} MB: {body[..Math.Min(body.Length, 200)].ReplaceLineEndings(" ")}");
            if (!refused || !named || !healthy || growth >= MaxGrowth)
                failures.Add($"{bomb}: status {status}, names a limit {named}, healthy {healthy}, peak growth {growth / 1024 / 1024} MB: {body[..Math.Min(body.Length, 300)]}");
        }

        async Task<(int, string)> Response(HttpResponseMessage response) => ((int)response.StatusCode, await response.Content.ReadAsStringAsync());

        // REST: files written, then published (validation refuses).
        async Task<(int, string)> PublishFiles(string collection, bool scaffold, params (string Path, string Text)[] files)
        {
            var name = $"rest{++n}";
            var create = await api.PostAsync($"/api/v2/{collection}", Json(new { name, scaffold }));
            if (create.StatusCode != HttpStatusCode.Created) return await Response(create);
            foreach (var (path, text) in files)
            {
                var tree = System.Text.Json.Nodes.JsonNode.Parse(await api.GetStringAsync($"/api/v2/{collection}/{name}/tree"))!;
                var write = await api.PutAsync($"/api/v2/{collection}/{name}/files/{path}", Json(new { text, baseCommit = tree["commit"]?.GetValue<string>() ?? "" }));
                if (!write.IsSuccessStatusCode) return await Response(write);
            }
            return await Response(await api.PostAsync($"/api/v2/{collection}/{name}/versions", Json(new { version = "0.1.0" })));
        }

        await Expect("billion laughs in values.yaml (REST)", () => PublishFiles("org-charts", true, ("values.yaml", BillionLaughs())));
        await Expect("billion laughs in Chart.yaml (REST)", () => PublishFiles("org-charts", true, ("Chart.yaml", BillionLaughs($"apiVersion: v2\nname: rest{n + 1}\nversion: 0.1.0\n"))));
        await Expect("billion laughs in a kustomization (REST)", () => PublishFiles("org-kustomize-bases", true,
            ("kustomization.yaml", BillionLaughs("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"))));
        await Expect("billion laughs in a manifest (REST)", () => PublishFiles("org-manifest-bundles", false, ("cm.yaml", BillionLaughs("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n"))));
        await Expect("deep nesting in values.yaml (REST)", () => PublishFiles("org-charts", true, ("values.yaml", DeepFlow(200_000))));
        await Expect("deep nesting in values.schema.json (REST)", () => PublishFiles("org-charts", true,
            ("values.schema.json", new string('[', 200_000) + new string(']', 200_000))));
        var generators = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nconfigMapGenerator:\n");
        for (var i = 0; i < 20_000; i++) generators.Append($"- name: c{i}\n  literals: [a=b]\n");
        await Expect("huge generator count (REST)", () => PublishFiles("org-kustomize-bases", false, ("kustomization.yaml", generators.ToString())));
        await Expect("endless template recursion (REST)", () => PublishFiles("org-charts", true, ("templates/grow.yaml", EndlessRecursion)), deadline: true);
        // A chart whose template builds a huge string, previewed (publishing reports a render failure as a warning).
        async Task<(int, string)> RenderFiles(params (string Path, string Text)[] files)
        {
            var published = await PublishFiles("org-charts", true, files);
            return published.Item1 == 201 ? await Response(await api.PostAsync($"/api/v2/org-charts/rest{n}/render", Json(new { }))) : published;
        }
        await Expect("string bomb: repeat 1000000000 (REST)", () => RenderFiles(("templates/big.yaml", "x: {{ repeat 1000000000 \"x\" }}\n")));
        await Expect("string bomb: doubling printf (REST)", () => RenderFiles(
            ("templates/big.yaml", "{{ $s := \"xxxxxxxxxxxxxxxx\" }}{{ range until 40 }}{{ $s = printf \"%s%s\" $s $s }}{{ end }}x: {{ len $s }}\n")));

        // OCI push: a helm-style push of a chart package.
        async Task<(int, string)> PushChart(byte[] layer, string name, byte[]? manifestOverride = null, byte[]? configOverride = null)
        {
            var config = configOverride ?? ChartArchive.Config(name, "1.0.0");
            foreach (var blob in new[] { config, layer })
            {
                var put = await oci.PostAsync($"/v2/charts/{name}/blobs/uploads/?digest={OciLayout.Digest(blob)}", new ByteArrayContent(blob));
                if (put.StatusCode != HttpStatusCode.Created) return await Response(put);
            }
            var manifest = manifestOverride ?? ChartArchive.Manifest(OciLayout.Digest(config), config.Length, OciLayout.Digest(layer), layer.Length, name, "1.0.0");
            var content = new ByteArrayContent(manifest);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.oci.image.manifest.v1+json");
            return await Response(await oci.PutAsync($"/v2/charts/{name}/manifests/1.0.0", content));
        }

        await Expect("billion laughs in values.yaml (OCI push)", () => PushChart(Package("ocia", ("values.yaml", BillionLaughs())), "ocia"));
        await Expect("billion laughs in Chart.yaml (OCI push)", () => PushChart(Package("ocib", ("Chart.yaml", BillionLaughs("apiVersion: v2\nname: ocib\nversion: 1.0.0\n"))), "ocib"));
        await Expect("deep nesting in values.schema.json (OCI push)", () => PushChart(Package("ocic", ("values.schema.json", new string('[', 200_000) + new string(']', 200_000))), "ocic"));
        await Expect("endless template recursion (OCI push)", () => PushChart(Package("ocid", ("templates/grow.yaml", EndlessRecursion)), "ocid"), deadline: true);
        await Expect("gzip bomb: 1 GiB of zeros (OCI push)", () => PushChart(GzipBomb("ocie"), "ocie"));
        await Expect("tar size bomb: a header claiming 8 GiB (OCI push)", () => PushChart(Gzip(SizeBombTar("ocif")), "ocif"));
        var deepManifest = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"x\":" + new string('[', 200_000) + new string(']', 200_000) + "}");
        await Expect("deep nesting in an OCI manifest", () => PushChart(Package("ocih"), "ocih", deepManifest));
        var deepConfig = Encoding.UTF8.GetBytes("{\"name\":\"ocii\",\"version\":\"1.0.0\",\"x\":" + new string('[', 200_000) + new string(']', 200_000) + "}");
        await Expect("deep nesting in an OCI config", () => PushChart(Package("ocii"), "ocii", configOverride: deepConfig));
        await Expect("tar PAX bomb: a 1 MiB path in a PAX header (OCI push)", () => PushChart(Gzip(PaxTar("ocij/values.yaml", 1 << 20)), "ocij"));
        await Expect("tar PAX bomb: a header claiming 1 GiB in a subchart (OCI push)",
            () => PushChart(Package("ocik", [("charts/sub.tgz", Gzip(PaxTar("sub/Chart.yaml", 1L << 30, padded: false)))]), "ocik"));
        await Expect("tar PAX bomb: a 1 MiB path in a subchart (OCI push)",
            () => PushChart(Package("ocil", [("charts/sub.tgz", Gzip(PaxTar("sub/Chart.yaml", 1 << 20)))]), "ocil"));

        // git push.
        var git = new GitClient(work);
        async Task<(int, string)> Push(string name, Action<string> change)
        {
            using (var create = await api.PostAsync("/api/v2/org-manifest-bundles", Json(new { name }))) { }
            var clone = Path.Combine(work, name);
            var url = server.Url.Replace("http://", $"http://admin:{server.AdminToken}@") + $"/git/manifest-bundles/{name}.git";
            git.Run(null, "clone", "-q", url, clone);
            change(clone);
            git.Run(clone, "add", "-A");
            git.Run(clone, "commit", "-qm", "bomb");
            git.Run(clone, "tag", "-a", "1.0.0", "-m", "bomb");
            var (code, stdout, stderr) = git.Try(clone, "push", "origin", "HEAD:main", "1.0.0");
            return (code == 0 ? 200 : 403, stdout + stderr);
        }

        await Expect("billion laughs in a manifest (git push)", () => Push("gita", clone => File.WriteAllText(Path.Combine(clone, "cm.yaml"),
            BillionLaughs("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  k: v\n"))));
        await Expect("64 MiB file (git push)", () => Push("gitb", clone =>
        {
            using var file = File.Create(Path.Combine(clone, "big.yaml"));
            file.SetLength(64L * 1024 * 1024);
        }));
        await Expect("deep nesting in a manifest (git push)", () => Push("gitc", clone => File.WriteAllText(Path.Combine(clone, "deep.yaml"), DeepFlow(200_000))));

        output.WriteLine($"baseline peak {baseline / 1024 / 1024} MB, final peak {server.PeakMemoryBytes() / 1024 / 1024} MB, RSS now {server.MemoryBytes() / 1024 / 1024} MB");
        TempFolder.Delete(work);
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    private static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    /// <summary>A chart package (name/Chart.yaml, values.yaml, a template) with files replaced or added.</summary>
    private static byte[] Package(string name, params (string Path, string Text)[] files) =>
        Package(name, files.Select(f => (f.Path, Encoding.UTF8.GetBytes(f.Text))).ToArray());

    private static byte[] Package(string name, (string Path, byte[] Content)[] files)
    {
        var all = new Dictionary<string, byte[]>
        {
            ["Chart.yaml"] = Encoding.UTF8.GetBytes($"apiVersion: v2\nname: {name}\nversion: 1.0.0\n"),
            ["values.yaml"] = "replicaCount: 1\n"u8.ToArray(),
            ["templates/cm.yaml"] = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n"u8.ToArray(),
        };
        foreach (var (path, content) in files) all[path] = content;
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Ustar, leaveOpen: true))
            foreach (var (path, content) in all)
                writer.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{name}/{path}") { DataStream = new MemoryStream(content) });
        return Gzip(tar.ToArray());
    }

    /// <summary>
    /// A PAX header of <paramref name="size"/> bytes (a path record that long, or only the claim when not padded),
    /// then one file entry.
    /// </summary>
    private static byte[] PaxTar(string path, long size, bool padded = true)
    {
        var records = Array.Empty<byte>();
        if (padded)
        {
            var value = new string('a', (int)size - 32);
            var record = $" path={value}\n";
            var length = record.Length + 7;
            records = Encoding.ASCII.GetBytes(length.ToString(System.Globalization.CultureInfo.InvariantCulture) + record);
            size = records.Length;
        }
        var pax = Header("PaxHeaders/x", size, 'x');
        var padding = new byte[(512 - records.Length % 512) % 512];
        var file = "apiVersion: v2\nname: sub\nversion: 1.0.0\n"u8.ToArray();
        return [.. pax, .. records, .. padding, .. Header(path, file.Length), .. file, .. new byte[512 - file.Length], .. new byte[1024]];
    }

    private static byte[] Gzip(byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(content);
        return buffer.ToArray();
    }

    /// <summary>A tar whose one entry is 1 GiB of zeros, gzipped to about a megabyte.</summary>
    private static byte[] GzipBomb(string name)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            const long size = 1L << 30;
            gzip.Write(Header($"{name}/values.yaml", size));
            var zeros = new byte[1 << 20];
            for (long written = 0; written < size; written += zeros.Length) gzip.Write(zeros);
        }
        return buffer.ToArray();
    }

    /// <summary>A header claiming 8 GiB followed by a few bytes.</summary>
    private static byte[] SizeBombTar(string name) => [.. Header($"{name}/values.yaml", 8L << 30), .. new byte[4096]];

    /// <summary>A ustar header for a regular file of the given size (sizes over 8 GiB in base-256, as GNU tar writes them).</summary>
    private static byte[] Header(string path, long size, char type = '0')
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(path).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        if (size < 8L << 30) Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        else
        {
            header[124] = 0x80;
            for (var i = 0; i < 8; i++) header[135 - i] = (byte)(size >> (8 * i));
        }
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar\0").CopyTo(header, 257);
        Encoding.ASCII.GetBytes("00").CopyTo(header, 263);
        for (var i = 148; i < 156; i++) header[i] = (byte)' ';
        var sum = header.Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }
}
