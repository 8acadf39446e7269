using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;

namespace GitOpsHQ.Bench;

/// <summary>
/// Measurements against a server (or a balancer in front of replicas) that is already running, for bench/replicas:
/// <c>--load URL PATH</c> GETs PATH from many clients at once for a while (throughput, latency, failures);
/// <c>--publish URL</c> publishes a version of each of many new manifest bundles (p50, p95).
/// </summary>
public static class LoadBench
{
    public static async Task LoadAsync(string url, string token, string path, int clients, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + token)));
        http.DefaultRequestHeaders.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");

        async Task<(List<double> Samples, int Failures)> Run(TimeSpan length)
        {
            var samples = new List<double>();
            var failures = 0;
            var end = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                var mine = new List<double>();
                var failed = 0;
                while (end.Elapsed < length)
                {
                    var watch = Stopwatch.StartNew();
                    try
                    {
                        using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                        if (!response.IsSuccessStatusCode) failed++;
                    }
                    catch (HttpRequestException)
                    {
                        failed++;
                    }
                    mine.Add(watch.Elapsed.TotalMilliseconds);
                }
                lock (samples)
                {
                    samples.AddRange(mine);
                    failures += failed;
                }
            })));
            return (samples, failures);
        }

        await Run(TimeSpan.FromSeconds(2)); // warm-up: connections, caches, JIT
        var (measured, errors) = await Run(duration);
        measured.Sort();
        double At(double q) => measured[Math.Min(measured.Count - 1, (int)Math.Ceiling(q * measured.Count) - 1)];
        Console.WriteLine($"GET {path}: {measured.Count / duration.TotalSeconds:F0} requests/s with {clients} clients; " +
                          $"p50 {At(0.5):F2} ms, p99 {At(0.99):F2} ms; {errors} failed of {measured.Count}");
    }

    public static async Task PublishAsync(string url, string token, int count)
    {
        using var http = new HttpClient { BaseAddress = new Uri(url) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var prefix = "pub-" + Guid.NewGuid().ToString("N")[..6];
        for (var i = 0; i < count + 5; i++)
        {
            var created = await http.PostAsJsonAsync("/api/v2/org-manifest-bundles", new { name = $"{prefix}-{i}", scaffold = true });
            if (!created.IsSuccessStatusCode) throw new InvalidOperationException($"create: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }
        var publish = await Timing.MeasureAsync(count, async i =>
        {
            var response = await http.PostAsJsonAsync($"/api/v2/org-manifest-bundles/{prefix}-{i}/versions", new { version = "1.0.0", notes = "bench" });
            if ((int)response.StatusCode != 201) throw new InvalidOperationException($"publish: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        });
        Console.WriteLine($"publish a version (validate + tag + index + audit): {publish}");
    }
}
