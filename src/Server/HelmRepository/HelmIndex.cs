using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Versions;
using YamlDotNet.Serialization;

namespace GitOpsHQ.Server.HelmRepository;

/// <summary>
/// index.yaml of the catalog's charts, in Helm's repository index format: <c>apiVersion: v1</c>, <c>entries</c> by
/// chart name, each version with its Chart.yaml fields, <c>created</c> (when it was published), <c>digest</c> (SHA-256
/// of the archive served) and <c>urls</c> (relative to the repository); <c>generated</c> is the newest publication,
/// so the same catalog gives the same bytes. Versions never change, so each is computed once; the whole index is
/// rebuilt only when the catalog's charts change.
/// <para>
/// Charts from an external source list every version upstream has, imported or not: a version not imported yet is
/// listed with the entry recorded at discovery (Chart.yaml's fields and the upstream archive's digest), which is the
/// entry it keeps once imported (same fields, same digest — the archive is served byte-identical — and the same
/// <c>created</c>); its archive is imported on its first download.
/// </para>
/// </summary>
public sealed class HelmIndex(ArtifactRepositories repositories, ArtifactOciView view, ExternalSources.ExternalCharts external)
{
    private sealed record Entry(DateTimeOffset Created, JsonObject Fields);

    // Keyed by the version's commit as well as its name: a chart deleted and created again (here or on another replica)
    // may publish the same version anew, and must not be listed with the old one's entry.
    private readonly ConcurrentDictionary<(string Name, string Version, string Commit), Entry> _entries = new();
    private readonly SemaphoreSlim _building = new(1, 1);
    private volatile Built? _built;

    private sealed record Built(string Stamp, byte[] Bytes, string ETag);

    public async Task<(byte[] Bytes, string ETag)> GetAsync(CancellationToken ct)
    {
        var stamp = repositories.Index.Stamp(HelmRepositoryEndpoints.Kind) + "/" + external.IndexStamp(repositories.Kind(HelmRepositoryEndpoints.Kind));
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
        var pendingCharts = external.ChartsWithPendingEntries(kind);
        foreach (var chart in repositories.Index.List(kind.Kind, "", int.MaxValue, "").Page.Where(a => a.VersionCount > 0 || pendingCharts.Contains(a.Name)))
        {
            if (view.Resolve($"{kind.Kind}/{chart.Name}") is not { } artifact) continue;
            List<VersionInfo> published;
            using (var repo = repositories.Open(kind, chart.Name)) published = ArtifactRepositories.Versions(repo);
            var listed = external.IndexEntries(kind, chart.Name);
            var list = new List<Entry>();
            foreach (var version in published)
            {
                if (!_entries.TryGetValue((chart.Name, version.Version, version.Commit), out var entry))
                {
                    entry = await EntryAsync(artifact, chart.Name, version, listed.GetValueOrDefault(version.Version)?.Created, ct);
                    _entries[(chart.Name, version.Version, version.Commit)] = entry;
                }
                list.Add(entry);
            }
            // Versions listed upstream and not imported yet; an imported version's own entry wins.
            var imported = published.Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
            var pending = listed.Where(l => !l.Value.Imported && !imported.Contains(l.Key)).Select(l => Pending(chart.Name, l.Key, l.Value)).OfType<Entry>().ToList();
            if (pending.Count > 0)
                list = list.Select(e => (Entry: e, Version: e.Fields["version"]?.ToString() ?? "")).Concat(pending.Select(e => (Entry: e, Version: e.Fields["version"]?.ToString() ?? "")))
                    .OrderByDescending(e => SemanticVersion.TryParse(e.Version), Comparer<SemanticVersion?>.Create((a, b) =>
                        a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b)))
                    .ThenByDescending(e => e.Version, StringComparer.Ordinal).Select(e => e.Entry).ToList();
            if (list.Count > 0) entries[chart.Name] = list;
        }
        var generated = entries.Values.SelectMany(l => l).Select(e => e.Created).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Max();
        var bytes = System.Text.Encoding.UTF8.GetBytes(Yaml(entries, generated));
        return new Built(stamp, bytes, HelmRepositoryEndpoints.ETagOf(bytes));
    }

    /// <summary>
    /// An imported version's entry: its config and archive; <paramref name="listedAt"/> is when it was created as its
    /// source listed it before import (so importing does not change its entry), else when it was published here.
    /// </summary>
    private async Task<Entry> EntryAsync(ArtifactRepositoryName artifact, string name, VersionInfo version, DateTimeOffset? listedAt, CancellationToken ct)
    {
        var (config, layer) = await view.PackageOfAsync(artifact, version.Version, ct);
        var fields = JsonNode.Parse(config) as JsonObject ?? new JsonObject();
        var created = listedAt ?? version.PublishedAt;
        fields["created"] = Timestamp(created);
        fields["digest"] = layer.Hex;
        fields["urls"] = new JsonArray($"charts/{name}-{version.Version}.tgz");
        return new Entry(created, fields);
    }

    /// <summary>A version listed upstream and not imported yet, with the entry recorded at discovery (null when it is unusable).</summary>
    private static Entry? Pending(string name, string version, ExternalSources.IndexEntry listed)
    {
        JsonObject? fields;
        try
        {
            fields = JsonNode.Parse(listed.Fields) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (fields is null) return null;
        fields["version"] = version;
        fields["created"] = Timestamp(listed.Created);
        if (listed.Digest != "") fields["digest"] = listed.Digest;
        fields["urls"] = new JsonArray($"charts/{name}-{version}.tgz");
        return new Entry(listed.Created, fields);
    }

    private static string Timestamp(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'");

    private static string Yaml(SortedDictionary<string, List<Entry>> entries, DateTimeOffset generated)
    {
        var document = new Dictionary<string, object?>
        {
            ["apiVersion"] = "v1",
            ["entries"] = entries.ToDictionary(e => e.Key, e => (object?)e.Value.Select(v => Plain(v.Fields)).ToList()),
            ["generated"] = Timestamp(generated),
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
