using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GitOpsHQ.Fuzz.Tests.Generators;
using GitOpsHQ.Fuzz.Tests.Harness;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace GitOpsHQ.Fuzz.Tests.Targets;

/// <summary>One real server for the door tests, with a chart, a Kustomize base and a manifest bundle to aim at.</summary>
public sealed class DoorServer : IAsyncLifetime
{
    public TestServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The registry's per-IP rate limit would answer 429 to a long run from one address.
        Server = await TestServer.StartWithAsync(null, null, b => b.Logging.AddProvider(Errors),
            "--OciRegistry:RateLimit:RequestsPerMinute=100000000");
        using var api = Server.Http();
        foreach (var (collection, name, _) in RequestGen.Artifacts)
        {
            var (status, body) = await api.Post($"/api/v2/{collection}", new { name, scaffold = true });
            if (status != HttpStatusCode.Created) throw new InvalidOperationException($"create {collection}/{name}: {status} {body}");
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The server's error log lines, so a 5xx answer is reported with the exception behind it.</summary>
    public ErrorLog Errors { get; } = new();

    public sealed class ErrorLog : ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

        /// <summary>The lines logged since the last call.</summary>
        public string Take()
        {
            var taken = new StringBuilder();
            while (_lines.TryDequeue(out var line)) taken.AppendLine(line);
            return taken.ToString();
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) log._lines.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}

/// <summary>
/// Mutated requests to the real doors — REST file writes, commits and renders, OCI manifest pushes and blob uploads,
/// reads with odd refs — each answered 2xx, 3xx or 4xx, never 5xx, within the timeout, and the server still answering after.
/// </summary>
public static partial class DoorTargets
{
    public const string Name = "http-doors";

    public static IEnumerable<string> Names => [Name];

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    public sealed record Answer(int Status, string Body, string? Failure);

    public static async Task<Answer> SendAsync(TestServer server, byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        var split = text.IndexOf("\n\n", StringComparison.Ordinal);
        var (head, body) = split < 0 ? (text, "") : (text[..split], text[(split + 2)..]);
        var lines = head.Split('\n');
        var first = lines[0].Split(' ', 2);
        if (first.Length < 2 || first[0].Length == 0 || !first[0].All(char.IsAsciiLetterUpper) || !first[1].StartsWith('/'))
            return new Answer(0, "", null); // not a request line: nothing to send (a mutation broke it)
        var path = first[1];
        var blobs = new List<byte[]>();
        var headers = new List<(string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(": ", StringComparison.Ordinal);
            if (colon <= 0) continue;
            var (key, value) = (line[..colon], line[(colon + 2)..]);
            if (key == "X-Fuzz-Blob")
            {
                try
                {
                    blobs.Add(Convert.FromBase64String(value));
                }
                catch (FormatException)
                {
                }
            }
            else if (key.All(char.IsAscii) && value.All(char.IsAscii)) headers.Add((key, value)); // HTTP clients send only ASCII header text
        }

        using var oci = OciHttp.Client(server, server.AdminToken);
        oci.Timeout = Timeout;
        using var api = server.Http();
        api.Timeout = Timeout;
        var repository = RepositoryOf(path);
        for (var i = 0; i < blobs.Count; i++)
        {
            var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(blobs[i]));
            if (repository is not null)
                (await oci.Oci(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={digest}", blobs[i])).Dispose();
            body = body.Replace($"{{{{BLOB{i}}}}}", digest).Replace($"{{{{SIZE{i}}}}}", blobs[i].Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        foreach (Match m in Head().Matches(path + body))
        {
            var (_, tree) = await api.Get($"/api/v2/{m.Groups[1].Value}/tree");
            var commit = tree.Str("commit");
            path = path.Replace(m.Value, commit);
            body = body.Replace(m.Value, commit);
        }
        foreach (Match m in Upload().Matches(path))
        {
            using var started = await oci.Oci(HttpMethod.Post, $"/v2/{m.Groups[1].Value}/blobs/uploads/");
            var location = started.Headers.Location?.ToString() ?? "";
            path = path.Replace(m.Value, location.Split('?')[0].Split('/').Last());
        }

        var client = path.StartsWith("/v2", StringComparison.Ordinal) ? oci : api;
        using var request = new HttpRequestMessage(new HttpMethod(first[0]), path);
        if (body.Length > 0 || first[0] is "PUT" or "POST" or "PATCH") request.Content = new ByteArrayContent(
            path.Contains("/blobs/", StringComparison.Ordinal) ? Encoding.Latin1.GetBytes(body) : Encoding.UTF8.GetBytes(body));
        foreach (var (key, value) in headers)
        {
            if (request.Headers.TryAddWithoutValidation(key, value)) continue;
            request.Content ??= new ByteArrayContent([]);
            if (key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Content.Headers.Remove("Content-Type");
                if (MediaTypeHeaderValue.TryParse(value, out var type)) request.Content.Headers.ContentType = type;
            }
            else request.Content.Headers.TryAddWithoutValidation(key, value);
        }
        try
        {
            using var response = await client.SendAsync(request);
            var answer = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            return new Answer(status, answer, status >= 500 ? $"answered {status}: {answer}" : null);
        }
        catch (TaskCanceledException)
        {
            return new Answer(0, "", $"no answer within {Timeout.TotalSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return new Answer(0, "", $"the connection failed: {e.Message}");
        }
    }

    /// <summary>The server still answers a plain registry and API read.</summary>
    public static async Task<string?> AliveAsync(TestServer server)
    {
        using var oci = OciHttp.Client(server, server.AdminToken);
        oci.Timeout = Timeout;
        using var api = server.Http();
        api.Timeout = Timeout;
        try
        {
            // The registry, the API and the classic Helm repository, whose index lists every pushed version.
            using var v2 = await oci.GetAsync("/v2/");
            using var list = await api.GetAsync("/api/v2/org-charts");
            using var index = await oci.GetAsync("/helm/index.yaml");
            return v2.StatusCode == HttpStatusCode.OK && list.StatusCode == HttpStatusCode.OK && index.StatusCode == HttpStatusCode.OK
                ? null
                : $"/v2/ answered {(int)v2.StatusCode}, /api/v2/org-charts {(int)list.StatusCode}, /helm/index.yaml {(int)index.StatusCode}: {await index.Content.ReadAsStringAsync()}";
        }
        catch (Exception e) when (e is TaskCanceledException or HttpRequestException)
        {
            return $"the server stopped answering: {e.Message}";
        }
    }

    private static string? RepositoryOf(string path)
    {
        var m = Repository().Match(path);
        return m.Success ? m.Groups[1].Value : null;
    }

    [GeneratedRegex(@"\{\{HEAD:([a-z-]+/[a-z]+)\}\}")]
    private static partial Regex Head();

    [GeneratedRegex(@"\{\{UPLOAD:([^}]+)\}\}")]
    private static partial Regex Upload();

    [GeneratedRegex("^/v2/(.+?)/(?:manifests|blobs)/")]
    private static partial Regex Repository();
}

public sealed class DoorFuzzTests(DoorServer door, ITestOutputHelper output) : IClassFixture<DoorServer>
{
    [Fact]
    public async Task Mutated_requests_are_answered_without_server_errors_and_the_server_keeps_answering()
    {
        var seed = FuzzSettings.Seed;
        var cases = FuzzSettings.Cases(300, share: 10);
        var findings = new List<string>();
        var statuses = new SortedDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases && findings.Count < 5; i++)
        {
            var input = RequestGen.Generate(FuzzRunner.CaseRandom(seed, DoorTargets.Name, i));
            var answer = await DoorTargets.SendAsync(door.Server, input);
            statuses[answer.Status] = statuses.GetValueOrDefault(answer.Status) + 1;
            var failure = answer.Failure ?? (i % 10 == 9 ? await DoorTargets.AliveAsync(door.Server) : null);
            var logged = door.Errors.Take();
            if (failure is null) continue;
            if (logged.Length > 0) failure += "\n  server log: " + (logged.Length > 3000 ? logged[..3000] + "…" : logged);
            var folder = Path.Combine(FuzzSettings.FindingsFolder, DoorTargets.Name);
            Directory.CreateDirectory(folder);
            var file = Path.Combine(folder, $"seed{seed}-case{i}");
            File.WriteAllBytes(file, input);
            findings.Add($"case {i} (seed {seed}), saved as {file}: {failure}\n  request {Inputs.Show(input)}");
        }
        findings.AddRange(await DoorTargets.AliveAsync(door.Server) is { } dead ? [dead] : []);
        var summary = $"{DoorTargets.Name}: seed {seed}, {cases} requests, statuses {string.Join(", ", statuses.Select(s => $"{s.Key}x{s.Value}"))}, " +
                      $"{findings.Count} findings, {watch.Elapsed.TotalSeconds:0.0} s";
        output.WriteLine(summary);
        if (FuzzSettings.ReportFile is { } report) File.AppendAllText(report, summary + Environment.NewLine);
        Assert.True(findings.Count == 0, summary + "\n" + string.Join("\n", findings));
    }

    public static TheoryData<string> RegressionFiles
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var file in Regressions.Files().Where(f => Regressions.TargetOf(f) == DoorTargets.Name)) data.Add(file);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(RegressionFiles))]
    public async Task Regression_requests_are_answered_without_server_errors(string file)
    {
        var input = File.ReadAllBytes(Path.Combine(Regressions.Root, file));
        var answer = await DoorTargets.SendAsync(door.Server, input);
        Assert.True(answer.Failure is null, $"{file}: {answer.Failure}\n  server log: {door.Errors.Take()}");
        Assert.Null(await DoorTargets.AliveAsync(door.Server));
    }
}
