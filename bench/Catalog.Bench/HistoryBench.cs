using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace GitOpsHQ.Bench;

/// <summary>
/// Cost against history: one manifest bundle with N published versions (each size asked for), and ARTIFACTS bundles of
/// one version each. Versions are written with git fast-import as the server writes them (a commit of main and an
/// annotated tag per version, the publisher of each as a note on its tag object in refs/notes/publishers, loose tag refs);
/// the real server process then serves them through its doors: the first pull (the version index read from Git), an OCI
/// pull of one version (manifest by tag, manifest by digest, layer blob) and the publish of the next version through the API.
/// </summary>
public static class HistoryBench
{
    private const string Kind = "manifest-bundles";

    public static async Task RunAsync(string serverDll, IReadOnlyList<int> sizes, int artifacts, int samples)
    {
        foreach (var versions in sizes)
            await MeasureAsync(serverDll, $"1 artifact x {versions} versions", ["bundle-history"], versions, samples);
        if (artifacts > 0)
            await MeasureAsync(serverDll, $"{artifacts} artifacts x 1 version",
                Enumerable.Range(0, artifacts).Select(i => $"bundle-{i:D5}").ToList(), 1, samples);
    }

    private static async Task MeasureAsync(string serverDll, string label, IReadOnlyList<string> names, int versions, int samples)
    {
        var data = Path.Combine(Path.GetTempPath(), $"gitopshq-bench-history-{Guid.NewGuid():N}");
        try
        {
            var generate = Stopwatch.StartNew();
            Generate(data, names, versions);
            Console.WriteLine($"[{label}] generated in {generate.Elapsed.TotalSeconds:F1} s");
            // One client measuring thousands of requests: the registry's per-address limit is lifted.
            await using var server = await ServerProcess.StartAsync(serverDll, data, "--OciRegistry:RateLimit:RequestsPerMinute=10000000");
            Console.WriteLine($"[{label}] start: {server.StartTime.TotalMilliseconds:F0} ms");
            using var http = server.AdminClient(TimeSpan.FromMinutes(30));
            using var oci = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(30) };
            oci.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes("any:" + server.AdminToken)));
            oci.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");

            // The versions pulled: spread over the history (or over the artifacts), each pulled once before measuring.
            var picked = Enumerable.Range(0, Math.Min(samples, names.Count * versions))
                .Select(i => names.Count > 1
                    ? (Name: names[(int)((long)i * names.Count / Math.Min(samples, names.Count))], Version: "1.0.0")
                    : (Name: names[0], Version: $"{1 + (int)((long)i * versions / Math.Min(samples, versions))}.0.0"))
                .Distinct().ToList();
            var first = Stopwatch.StartNew();
            var pulled = new List<(string Name, string Tag, string Digest, string Layer)>();
            foreach (var (name, version) in picked)
            {
                var (digest, layer) = await ManifestAsync(oci, $"/v2/{Kind}/{name}/manifests/{version}");
                if (pulled.Count == 0)
                {
                    Console.WriteLine($"[{label}] first pull by tag (version built): {first.Elapsed.TotalMilliseconds:F1} ms");
                    var firstByDigest = Stopwatch.StartNew();
                    await ManifestAsync(oci, $"/v2/{Kind}/{name}/manifests/{digest}");
                    Console.WriteLine($"[{label}] first pull by digest: {firstByDigest.Elapsed.TotalMilliseconds:F1} ms");
                }
                pulled.Add((name, version, digest, layer));
            }

            var byTag = await Timing.MeasureAsync(200, async i => await ManifestAsync(oci, $"/v2/{Kind}/{pulled[i % pulled.Count].Name}/manifests/{pulled[i % pulled.Count].Tag}"));
            Console.WriteLine($"[{label}] GET manifest by tag: {byTag}");
            var byDigest = await Timing.MeasureAsync(200, async i => await ManifestAsync(oci, $"/v2/{Kind}/{pulled[i % pulled.Count].Name}/manifests/{pulled[i % pulled.Count].Digest}"));
            Console.WriteLine($"[{label}] GET manifest by digest: {byDigest}");
            var blob = await Timing.MeasureAsync(200, async i =>
            {
                using var response = await oci.GetAsync($"/v2/{Kind}/{pulled[i % pulled.Count].Name}/blobs/{pulled[i % pulled.Count].Layer}");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
            });
            Console.WriteLine($"[{label}] GET layer blob: {blob}");

            // The next version: of the one artifact (its history grows by one each time), or of a different artifact each time.
            var publishes = Math.Min(50, names.Count > 1 ? names.Count - 5 : 50);
            var publish = await Timing.MeasureAsync(publishes, async i =>
            {
                var (name, version) = names.Count > 1 ? (names[(int)((long)i * names.Count / (publishes + 5))], "2.0.0") : (names[0], $"{versions + 1 + i}.0.0");
                var response = await http.PostAsJsonAsync($"/api/v2/org-{Kind}/{name}/versions", new { version, notes = "bench" });
                if ((int)response.StatusCode != 201) throw new InvalidOperationException($"publish: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
            Console.WriteLine($"[{label}] publish the next version: {publish}");
            var after = await Timing.MeasureAsync(100, async i => await ManifestAsync(oci, $"/v2/{Kind}/{pulled[i % pulled.Count].Name}/manifests/{pulled[i % pulled.Count].Digest}"));
            Console.WriteLine($"[{label}] GET manifest by digest, after the publishes: {after}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(string Digest, string Layer)> ManifestAsync(HttpClient oci, string path)
    {
        using var response = await oci.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {response.StatusCode} {body}");
        return (response.Headers.GetValues("Docker-Content-Digest").Single(), JsonNode.Parse(body)!["layers"]![0]!["digest"]!.GetValue<string>());
    }

    /// <summary>Each artifact: one fast-import for its commits and tags, a second for the publisher notes on the tag objects.</summary>
    private static void Generate(string data, IReadOnlyList<string> names, int versions)
    {
        var kindFolder = Path.Combine(data, "repos", Kind);
        Directory.CreateDirectory(kindFolder);
        var time = DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds() - versions * 2L;
        var template = Path.Combine(data, "template.git");
        Build(template, versions, time);
        foreach (var name in names)
        {
            var target = Path.Combine(kindFolder, name + ".git");
            Local.CopyDirectory(template, target);
            File.WriteAllText(Path.Combine(target, "description"), $"Bench bundle {name}\n");
        }
        Directory.Delete(template, recursive: true);
    }

    private static void Build(string target, int versions, long time)
    {
        Local.GitDir(null, null, "init", "--bare", "-q", "-b", "main", target);
        Local.GitDir(target, null, "config", "gitopshq.createdAt", time.ToString());
        foreach (var sample in Directory.GetFiles(Path.Combine(target, "hooks"), "*.sample")) File.Delete(sample);
        var import = new StringBuilder();
        for (var v = 1; v <= versions; v++)
        {
            var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  version: \"{v}\"\n";
            import.Append($"commit refs/heads/main\nmark :{v}\ncommitter Bench <bench@example.com> {time + v * 2} +0000\ndata 14\nversion {v,6}\n");
            if (v > 1) import.Append($"from :{v - 1}\n");
            import.Append($"M 100644 inline settings.yaml\ndata {manifest.Length}\n{manifest}\n");
            import.Append($"tag {v}.0.0\nfrom :{v}\ntagger Bench <bench@example.com> {time + v * 2 + 1} +0000\ndata 8\nrelease\n\n");
        }
        Local.GitDir(target, import.ToString(), "fast-import", "--quiet");

        // The publisher of each version, noted on its tag object as the server notes it (one flat notes tree).
        var tagObjects = GitOutput(target, "for-each-ref", "--format=%(objectname) %(refname:strip=2)", "refs/tags")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToList();
        var notes = new StringBuilder();
        notes.Append($"commit refs/notes/publishers\ncommitter Bench <bench@example.com> {time + versions * 2 + 2} +0000\ndata 5\nnotes\n");
        foreach (var parts in tagObjects)
        {
            var at = time + int.Parse(parts[1].Split('.')[0]) * 2 + 1;
            var note = $"publisher: bench\nname: Bench\nemail: bench@example.com\nsource: api\npublished-at: {at}\n";
            notes.Append($"M 100644 inline {parts[0]}\ndata {note.Length}\n{note}\n");
        }
        Local.GitDir(target, notes.ToString(), "fast-import", "--quiet");
    }

    private static string GitOutput(string gitDir, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--git-dir=" + gitDir);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
        return output;
    }

}
