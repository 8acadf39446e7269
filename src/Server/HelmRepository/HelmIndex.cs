using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Registry;
using YamlDotNet.Serialization;

namespace GitOpsHQ.Server.HelmRepository;

/// <summary>
/// index.yaml of the catalog's charts, in Helm's repository index format: <c>apiVersion: v1</c>, <c>entries</c> by
/// chart name, each version with its Chart.yaml fields, <c>created</c> (when it was published), <c>digest</c> (SHA-256
/// of the archive served) and <c>urls</c> (relative to the repository); <c>generated</c> is the newest publication,
/// so the same catalog gives the same bytes. Versions never change, so each is computed once; the whole index is
/// rebuilt only when the catalog's charts change.
/// </summary>
public sealed class HelmIndex(ArtifactRepositories repositories, ArtifactOciView view)
{
    private sealed record Entry(DateTimeOffset Created, JsonObject Fields);

    private readonly ConcurrentDictionary<(string Name, string Version), Entry> _entries = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile Built? _built;

    private sealed record Built(string Stamp, byte[] Bytes, string ETag);

    public async Task<(byte[] Bytes, string ETag)> GetAsync(CancellationToken ct)
    {
        var stamp = repositories.Index.Stamp(HelmRepositoryEndpoints.Kind);
        if (_built is { } current && current.Stamp == stamp) return (current.Bytes, current.ETag);
        await _building.WaitAsync(ct);
        try
        {
            if (_built is { } again && again.Stamp == stamp) return (again.Bytes, again.ETag);
            var built = await BuildAsync(stamp, ct);
            _built = built;
            return (built.Bytes, built.ETag);
        }
        finally
        {
            _building.Release();
        }
    }

    private async Task<Built> BuildAsync(string stamp, CancellationToken ct)
    {
        var kind = repositories.Kind(HelmRepositoryEndpoints.Kind);
        var entries = new SortedDictionary<string, List<Entry>>(StringComparer.Ordinal);
        foreach (var chart in repositories.Index.List(kind.Kind, "", int.MaxValue, "").Page.Where(a => a.VersionCount > 0))
        {
            if (view.Resolve($"{kind.Kind}/{chart.Name}") is not { } artifact) continue;
            List<VersionInfo> published;
            using (var repo = repositories.Open(kind, chart.Name)) published = ArtifactRepositories.Versions(repo);
            var list = new List<Entry>();
            foreach (var version in published)
            {
                if (!_entries.TryGetValue((chart.Name, version.Version), out var entry))
                {
                    entry = await EntryAsync(artifact, chart.Name, version, ct);
                    _entries[(chart.Name, version.Version)] = entry;
                }
                list.Add(entry);
            }
            entries[chart.Name] = list;
        }
        var generated = entries.Values.SelectMany(l => l).Select(e => e.Created).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Yaml(entries, generated));
        return new Built(stamp, bytes, HelmRepositoryEndpoints.ETagOf(bytes));
    }

    private async Task<Entry> EntryAsync(ArtifactRepositoryName artifact, string name, VersionInfo version, CancellationToken ct)
    {
        var (config, layer) = await view.PackageOfAsync(artifact, version.Version, ct);
        var fields = JsonNode.Parse(config) as JsonObject ?? new JsonObject();
        fields["created"] = version.PublishedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");
        fields["digest"] = layer.Hex;
        fields["urls"] = new JsonArray($"charts/{name}-{version.Version}.tgz");
        return new Entry(version.PublishedAt, fields);
    }

    private static string Yaml(SortedDictionary<string, List<Entry>> entries, DateTimeOffset generated)
    {
        var document = new Dictionary<string, object?>
        {
            ["apiVersion"] = "v1",
            ["entries"] = entries.ToDictionary(e => e.Key, e => (object?)e.Value.Select(v => Plain(v.Fields)).ToList()),
            ["generated"] = generated.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'"),
        };
        return new SerializerBuilder().DisableAliases().WithQuotingNecessaryStrings().Build().Serialize(document);
    }

    /// <summary>JSON as plain objects for the YAML writer, keys sorted as Helm writes them.</summary>
    private static object? Plain(JsonNode? node) => node switch
    {
        JsonObject map => new SortedDictionary<string, object?>(map.ToDictionary(p => p.Key, p => Plain(p.Value)), StringComparer.Ordinal),
        JsonArray list => list.Select(Plain).ToList(),
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonValue value when value.TryGetValue<bool>(out var flag) => flag,
        null => null,
        _ => node.ToJsonString(),
    };
}
