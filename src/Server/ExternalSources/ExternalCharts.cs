using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Registry;
using GitOpsHQ.Server.Storage;
using GitOpsHQ.Versions;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>What one sync found.</summary>
public sealed record SyncReport(List<string> Versions, List<string> Added, List<string> Imported, List<string> Changed, List<string> Removed,
    DateTimeOffset At);

/// <summary>
/// Charts whose versions come from an external source. Creating one records the source in the chart's repository (which
/// makes it read-only) and lists what the source has; a sync (at creation, on demand, periodically) lists it again, and
/// flags imported versions whose content upstream changed or that upstream removed — the imported version itself never
/// changes. A version is imported on its first read (or at once for a mirror) through the chart plugin's Unpack: one
/// commit and an annotated tag in the chart's repository (publisher "sync", source "oci" or "url"), with the upstream
/// bytes kept so this server's registry serves them byte-identical.
/// </summary>
public sealed partial class ExternalCharts(
    ArtifactKinds kinds, ArtifactRepositories repositories, ArtifactCatalog catalog, PublicationJournal journal, ExternalSourceStore store,
    SourceCredentials credentials, OutboundClients outbound, IOptions<CatalogOptions> limits, IOptionsMonitor<ExternalSourcesOptions> options,
    TimeProvider clock, ILogger<ExternalCharts> logger, Audit.AuditTrail audit)
{
    public const string ChartKind = "charts";
    private const string ChartContentType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    private const string ChartConfigType = "application/vnd.cncf.helm.config.v1+json";

    /// <summary>Who imports: the publisher of every imported version.</summary>
    public static readonly Actor Sync = new("sync", "GitOpsHQ sync", "sync@gitopshq.invalid");

    private readonly ConcurrentDictionary<string, Lazy<Task>> _imports = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _syncs = new(StringComparer.Ordinal);

    /// <summary>
    /// One version as the source lists it; <see cref="Content"/> when listing already fetched it (an archive);
    /// <see cref="Fields"/> and <see cref="Created"/> when the listing carries its Chart.yaml fields (a repository index).
    /// </summary>
    private sealed record Listed(string Version, string Tag, string Location, string Digest, byte[]? Content = null, JsonObject? Fields = null,
        DateTimeOffset? Created = null);

    /// <summary>Largest chart config (Chart.yaml as JSON) read for an index entry.</summary>
    private const long MaxConfigBytes = 1024 * 1024;

    // ---- creating ----

    public static ChartSourceSpec Parse(Contracts.Sources.V1.ChartSource source, bool mirror)
    {
        mirror |= source.Mirror;
        switch (source.SourceCase)
        {
            case Contracts.Sources.V1.ChartSource.SourceOneofCase.Oci:
                var (host, repository) = ParseOci(source.Oci.Repository);
                return new ChartSourceSpec(ChartSourceSpec.Oci, $"oci://{host}/{repository}", "", mirror);
            case Contracts.Sources.V1.ChartSource.SourceOneofCase.Url:
                var url = source.Url;
                if (url.Archive != "" && (url.Repository != "" || url.Chart != ""))
                    throw new ProductException(ErrorCode.RequestInvalid, "A URL source is either a chart repository and chart name, or one archive: not both.");
                if (url.Archive != "") return new ChartSourceSpec(ChartSourceSpec.Url, HttpUrl(url.Archive, "archive").ToString(), "", mirror);
                if (url.Repository == "" || url.Chart == "")
                    throw new ProductException(ErrorCode.RequestInvalid,
                        "A chart repository source names the repository and the chart: {\"url\": {\"repository\": \"https://charts.example.com\", \"chart\": \"redis\"}}.");
                if (!ArtifactName.IsValid(url.Chart) && !ChartName().IsMatch(url.Chart))
                    throw new ProductException(ErrorCode.RequestInvalid, $"'{url.Chart}' is not a chart name.");
                return new ChartSourceSpec(ChartSourceSpec.Url, HttpUrl(url.Repository, "repository").ToString().TrimEnd('/'), url.Chart, mirror);
            default:
                throw new ProductException(ErrorCode.RequestInvalid,
                    "The source names no repository: {\"oci\": {\"repository\": \"oci://HOST/PATH\"}} or {\"url\": {...}}.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex ChartName();

    [GeneratedRegex("^[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryPath();

    /// <summary>"oci://HOST[:PORT]/PATH" → the normalised host and the repository path.</summary>
    public static (string Host, string Repository) ParseOci(string text)
    {
        var value = (text ?? "").Trim();
        if (!value.StartsWith("oci://", StringComparison.OrdinalIgnoreCase))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{value}' is not an OCI repository: write it as oci://registry.example.com/charts/NAME.");
        var rest = value["oci://".Length..].TrimEnd('/');
        var slash = rest.IndexOf('/');
        if (slash <= 0)
            throw new ProductException(ErrorCode.RequestInvalid, $"'{value}' names a registry but no repository: oci://HOST/PATH/CHART.");
        var host = SourceHost.Normalise(rest[..slash]);
        var repository = rest[(slash + 1)..];
        if (repository.Contains('@') || repository.Contains(':'))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{value}': name the repository without a tag or digest; its versions are discovered from its tags.");
        if (!RepositoryPath().IsMatch(repository))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{repository}' is not a valid OCI repository path (lowercase letters, digits, '.', '_', '-' and '/').");
        return (host, repository);
    }

    private static Uri HttpUrl(string text, string what)
    {
        if (!Uri.TryCreate((text ?? "").Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new ProductException(ErrorCode.RequestInvalid, $"The {what} '{text}' is not an https:// (or http://) URL.");
        if (uri.UserInfo != "")
            throw new ProductException(ErrorCode.RequestInvalid, $"The {what} URL carries credentials; store them as a credential for {SourceHost.Of(uri)} instead.");
        return uri;
    }

    /// <summary>
    /// Creates a chart whose versions come from <paramref name="spec"/>: the source is asked first (a source that cannot be
    /// read creates nothing), then the chart is created read-only with the versions listed, importing them all for a mirror
    /// (and the one version of an archive).
    /// </summary>
    public async Task<ArtifactSummary> CreateAsync(ArtifactKind kind, string name, string description, ChartSourceSpec spec, Actor actor, CancellationToken ct)
    {
        if (kind.Kind != ChartKind)
            throw new ProductException(ErrorCode.RequestInvalid, $"External sources are for Helm charts; {kind.DisplayName}s are authored here.");
        ArtifactName.Require(name);
        if (repositories.Exists(kind, name)) throw new ProductException(ErrorCode.NameExists, $"A {kind.DisplayName} named '{name}' already exists.");
        List<Listed> listed;
        using (var session = outbound.Open())
            listed = await DiscoverAsync(session, spec, ct);

        var summary = await catalog.CreateAsync(kind, name, scaffold: false, description, actor, ct, repo => repo.SetSource(spec));
        var now = clock.GetUtcNow();
        store.AddSource(kind.Kind, name, spec, FirstSync(kind.Kind, name, now));
        foreach (var item in listed) store.AddVersion(kind.Kind, name, item.Version, item.Tag, item.Location, item.Digest);
        using (var session = outbound.Open())
            await RecordIndexEntriesAsync(session, kind, name, spec, listed, ct);
        var errors = new List<string>();
        if (spec.Mirror || spec.IsArchive)
            foreach (var item in Ascending(listed))
            {
                try
                {
                    await ImportAsync(kind, name, store.FindVersion(kind.Kind, name, item.Version)!, item.Content, ct);
                }
                catch (Exception e) when (e is ProductException or SourceUnreachableException or RegistryAnswerException)
                {
                    errors.Add($"{item.Version}: {e.Message}");
                }
            }
        store.RecordSync(kind.Kind, name, now, string.Join("\n", errors), FirstSync(kind.Kind, name, now));
        using var created = repositories.Open(kind, name);
        return repositories.Reindex(kind, name, created);
    }

    /// <summary>The first periodic sync: somewhere within one interval, fixed per chart, so many sources never fire at once.</summary>
    private DateTimeOffset FirstSync(string kind, string name, DateTimeOffset now)
    {
        var interval = options.CurrentValue.SyncInterval;
        var hash = BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}/{name}")), 0);
        return now + TimeSpan.FromTicks((long)(interval.Ticks * (hash / (double)uint.MaxValue))) + TimeSpan.FromSeconds(1);
    }

    /// <summary>The next periodic sync after <paramref name="scheduled"/>: the same phase within the interval.</summary>
    public DateTimeOffset NextSync(DateTimeOffset scheduled, DateTimeOffset now)
    {
        var interval = options.CurrentValue.SyncInterval;
        var next = scheduled + interval;
        if (next <= now) next += interval * Math.Ceiling((now - next) / interval + 1e-9);
        return next;
    }

    private static IEnumerable<Listed> Ascending(IEnumerable<Listed> listed) =>
        listed.OrderBy(l => SemanticVersion.TryParse(l.Version), Comparer<SemanticVersion?>.Create((a, b) =>
            a is null ? (b is null ? 0 : -1) : b is null ? 1 : a.CompareTo(b))).ThenBy(l => l.Version, StringComparer.Ordinal);

    // ---- listing what a source has ----

    private async Task<List<Listed>> DiscoverAsync(OutboundSession session, ChartSourceSpec spec, CancellationToken ct)
    {
        try
        {
            return spec.Type switch
            {
                ChartSourceSpec.Oci => await DiscoverOciAsync(session, spec, ct),
                _ when spec.IsArchive => [await DiscoverArchiveAsync(session, spec, ct)],
                _ => await DiscoverIndexAsync(session, spec, ct),
            };
        }
        catch (SourceUnreachableException e)
        {
            throw e.ToProduct();
        }
        catch (RegistryAnswerException e)
        {
            throw new ProductException(ErrorCode.RemoteFailed, e.Message);
        }
    }

    private async Task<List<Listed>> DiscoverOciAsync(OutboundSession session, ChartSourceSpec spec, CancellationToken ct)
    {
        var (host, repository) = ParseOci(spec.Reference);
        var remote = Remote(session, host);
        var tags = await remote.TagsAsync(repository, options.CurrentValue.TagPageSize, options.CurrentValue.MaxVersions, options.CurrentValue.MaxDocumentBytes, ct);
        // As Helm reads a repository's tags: SemVer versions, '_' standing for '+'.
        return tags.Distinct(StringComparer.Ordinal)
            .Select(tag => (Tag: tag, Version: tag.Replace('_', '+')))
            .Where(t => SemanticVersion.TryParseStrict(t.Version) is not null && VersionTag.IsValid(t.Version, out _))
            .Select(t => new Listed(t.Version, t.Tag, $"{spec.Reference}:{t.Tag}", ""))
            .ToList();
    }

    private async Task<List<Listed>> DiscoverIndexAsync(OutboundSession session, ChartSourceSpec spec, CancellationToken ct)
    {
        var baseUri = new Uri(spec.Reference.TrimEnd('/') + "/");
        var indexUri = new Uri(baseUri, "index.yaml");
        var bytes = await FetchAsync(session, indexUri, options.CurrentValue.MaxDocumentBytes, "The repository's index.yaml", ct)
                    ?? throw new SourceUnreachableException($"{OutboundSession.Show(indexUri)} does not exist (404): is {spec.Reference} a Helm chart repository?");
        var yaml = new YamlStream();
        try
        {
            yaml.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
        }
        catch (Exception e) when (Storage.YamlSyntax.IsError(e))
        {
            throw new SourceUnreachableException($"{OutboundSession.Show(indexUri)} is not valid YAML: {e.Message}");
        }
        if (yaml.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root || !root.Children.TryGetValue("entries", out var entriesNode) ||
            entriesNode is not YamlMappingNode entries)
            throw new SourceUnreachableException($"{OutboundSession.Show(indexUri)} is not a Helm repository index (it has no entries).");
        if (!entries.Children.TryGetValue(spec.Chart, out var chartNode) || chartNode is not YamlSequenceNode versions)
            throw new SourceUnreachableException(
                $"The repository {spec.Reference} has no chart '{spec.Chart}' (its index lists {string.Join(", ", entries.Children.Keys.Take(20))}).");
        var listed = new List<Listed>();
        foreach (var entry in versions.OfType<YamlMappingNode>())
        {
            var version = Scalar(entry, "version");
            if (version is null || !VersionTag.IsValid(version, out _)) continue;
            var url = entry.Children.TryGetValue("urls", out var urls) && urls is YamlSequenceNode list ? list.OfType<YamlScalarNode>().FirstOrDefault()?.Value : null;
            if (string.IsNullOrEmpty(url)) continue;
            // As Helm resolves them: an absolute URL as it is, a relative one against the repository's URL.
            var location = Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute : new Uri(baseUri, url);
            var digest = Scalar(entry, "digest") is { Length: 64 } hex && hex.All(Uri.IsHexDigit) ? "sha256:" + hex.ToLowerInvariant() : "";
            if (listed.Any(l => l.Version == version)) continue;
            var created = Scalar(entry, "created") is { } stamp && DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTimeOffset?)null;
            listed.Add(new Listed(version, VersionTag.ToOciTag(version), location.ToString(), digest, Fields: ChartFields(entry), Created: created));
            if (listed.Count > options.CurrentValue.MaxVersions)
                throw new SourceUnreachableException($"The chart {spec.Chart} lists more than {options.CurrentValue.MaxVersions} versions (ExternalSources:MaxVersions).");
        }
        return listed;
    }

    /// <summary>The Chart.yaml fields of an index entry, as JSON the way a chart's OCI config holds them (Helm's own entry fields left out).</summary>
    private static JsonObject ChartFields(YamlMappingNode entry)
    {
        var fields = new JsonObject();
        foreach (var (key, value) in entry.Children)
            if (key is YamlScalarNode { Value: { } name } && ChartYamlFields.Contains(name))
                fields[name] = Json(name, value);
        return fields;
    }

    private static readonly HashSet<string> ChartYamlFields = new(StringComparer.Ordinal)
    {
        "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion", "condition", "tags", "appVersion",
        "deprecated", "annotations", "kubeVersion", "dependencies", "type",
    };

    private static JsonNode? Json(string key, YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Where(c => c.Key is YamlScalarNode { Value: not null })
            .Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Json(((YamlScalarNode)c.Key).Value!, c.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(c => Json("", c)).ToArray()),
        YamlScalarNode { Value: "true" or "false" } flag when key is "deprecated" or "enabled" => JsonValue.Create(flag.Value == "true"),
        YamlScalarNode { Value: null } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => null,
    };

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(key, out var node) && node is YamlScalarNode scalar ? scalar.Value : null;

    private async Task<Listed> DiscoverArchiveAsync(OutboundSession session, ChartSourceSpec spec, CancellationToken ct)
    {
        var uri = new Uri(spec.Reference);
        var bytes = await FetchAsync(session, uri, limits.Value.MaxArtifactBytes, "The chart archive", ct)
                    ?? throw new SourceUnreachableException($"{OutboundSession.Show(uri)} does not exist (404).");
        var unpacked = await UnpackAsync(kinds.Get(ChartKind), "", bytes, "", ct);
        if (!VersionTag.IsValid(unpacked.Version, out var reason))
            throw new ProductException(ErrorCode.VersionInvalid, $"The archive's Chart.yaml declares version '{unpacked.Version}': {reason}.");
        return new Listed(unpacked.Version, VersionTag.ToOciTag(unpacked.Version), spec.Reference, Sha256(bytes), bytes);
    }

    // ---- syncing ----

    /// <summary>Asks the chart's source what it has now: new versions are listed (and imported for a mirror), imported ones checked.</summary>
    public async Task<SyncReport> SyncAsync(ArtifactKind kind, string name, CancellationToken ct)
    {
        var state = store.Find(kind.Kind, name) ?? RequireSource(kind, name);
        var gate = _syncs.GetOrAdd($"{kind.Kind}/{name}", _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        var now = clock.GetUtcNow();
        try
        {
            var report = await SyncOnceAsync(kind, name, state.Spec, now, ct);
            store.RecordSync(kind.Kind, name, now, "", NextSync(state.NextSyncAt, now));
            return report;
        }
        catch (Exception e) when (e is ProductException or SourceUnreachableException or RegistryAnswerException)
        {
            store.RecordSync(kind.Kind, name, now, e.Message, NextSync(state.NextSyncAt, now));
            throw e is SourceUnreachableException s ? s.ToProduct() : e is RegistryAnswerException ? new ProductException(ErrorCode.RemoteFailed, e.Message) : e;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A chart with a source in its repository but none in the database (a restored data folder): registered again.</summary>
    private SourceState RequireSource(ArtifactKind kind, string name)
    {
        using var repo = repositories.Open(kind, name);
        var spec = repo.Source ?? throw new ProductException(ErrorCode.RequestInvalid, $"{name} has no external source to sync: its versions are authored here.");
        var now = clock.GetUtcNow();
        store.AddSource(kind.Kind, name, spec, FirstSync(kind.Kind, name, now));
        foreach (var tag in repo.VersionTags)
            if (repo.Upstream(tag) is { } upstream)
                store.MarkImported(kind.Kind, name, tag.FriendlyName, VersionTag.ToOciTag(tag.FriendlyName), upstream.Location, upstream.Digest);
        return store.Find(kind.Kind, name)!;
    }

    private async Task<SyncReport> SyncOnceAsync(ArtifactKind kind, string name, ChartSourceSpec spec, DateTimeOffset now, CancellationToken ct)
    {
        using var session = outbound.Open();
        var listed = await DiscoverAsync(session, spec, ct);
        var known = store.Versions(kind.Kind, name).ToDictionary(v => v.Version, StringComparer.Ordinal);
        var report = new SyncReport(listed.Select(l => l.Version).ToList(), [], [], [], [], now);
        var current = listed.ToDictionary(l => l.Version, StringComparer.Ordinal);

        foreach (var item in listed)
        {
            if (!known.TryGetValue(item.Version, out var existing))
            {
                store.AddVersion(kind.Kind, name, item.Version, item.Tag, item.Location, item.Digest);
                report.Added.Add(item.Version);
                continue;
            }
            store.UpdateListing(kind.Kind, name, item.Version, item.Location, item.Digest);
            if (!existing.Imported) continue;
            var upstream = await UpstreamDigestAsync(session, spec, item, ct);
            var changed = upstream is not null && upstream != existing.ImportedDigest;
            if (changed && (!existing.Changed || existing.UpstreamDigest != upstream))
            {
                report.Changed.Add(item.Version);
                store.Audit(kind.Kind, name, item.Version, "upstream-changed", $"imported {existing.ImportedDigest}; upstream now serves {upstream}");
                logger.LogWarning("Upstream changed {Kind}/{Name} {Version}: imported {Imported}, upstream now {Upstream}; the imported version is kept",
                    kind.Kind, name, item.Version, existing.ImportedDigest, upstream);
            }
            else if (!changed && existing.Changed && upstream is not null)
            {
                store.Audit(kind.Kind, name, item.Version, "upstream-restored", $"upstream serves the imported {existing.ImportedDigest} again");
            }
            if (existing.Removed) store.Audit(kind.Kind, name, item.Version, "upstream-listed-again", "upstream lists the version again");
            store.Flag(kind.Kind, name, item.Version, changed || (existing.Changed && upstream is null), changed ? upstream! : existing.UpstreamDigest, removed: false);
        }

        foreach (var gone in known.Values.Where(v => !current.ContainsKey(v.Version)))
        {
            if (!gone.Imported)
            {
                store.Forget(kind.Kind, name, gone.Version);
                continue;
            }
            if (gone.Removed) continue;
            report.Removed.Add(gone.Version);
            store.Flag(kind.Kind, name, gone.Version, gone.Changed, gone.UpstreamDigest, removed: true);
            store.Audit(kind.Kind, name, gone.Version, "upstream-removed", $"upstream no longer lists {gone.Location}; the imported version stays available");
            logger.LogWarning("Upstream removed {Kind}/{Name} {Version}; the imported version stays available", kind.Kind, name, gone.Version);
        }

        await RecordIndexEntriesAsync(session, kind, name, spec, listed, ct);
        if (spec.Mirror || spec.IsArchive)
            foreach (var item in Ascending(listed))
                if (store.FindVersion(kind.Kind, name, item.Version) is { Imported: false } pending)
                {
                    await ImportAsync(kind, name, pending, item.Content, ct);
                    report.Imported.Add(item.Version);
                }
        return report;
    }

    /// <summary>The digest upstream serves for an imported version now (null when it cannot tell).</summary>
    private async Task<string?> UpstreamDigestAsync(OutboundSession session, ChartSourceSpec spec, Listed item, CancellationToken ct)
    {
        if (spec.Type == ChartSourceSpec.Oci)
        {
            var (host, repository) = ParseOci(spec.Reference);
            return await Remote(session, host).ManifestDigestAsync(repository, item.Tag, options.CurrentValue.MaxDocumentBytes, ct);
        }
        return item.Digest == "" ? null : item.Digest;
    }

    // ---- the Helm repository index of versions not imported yet ----

    /// <summary>
    /// Records the Helm index entry of each listed version that is not imported yet, so <c>/helm/index.yaml</c> lists it
    /// before its first read: a chart repository's index already carries the fields and the digest; for an OCI source the
    /// manifest (whose chart layer digest is the archive's SHA-256) and the config (Chart.yaml as JSON) are read — never the
    /// archive — at most <see cref="ExternalSourcesOptions.IndexEntriesPerSync"/> per sync, newest first. A mirror imports
    /// everything at once and needs none.
    /// </summary>
    private async Task RecordIndexEntriesAsync(OutboundSession session, ArtifactKind kind, string name, ChartSourceSpec spec, List<Listed> listed,
        CancellationToken ct)
    {
        if (spec.Mirror || spec.IsArchive) return;
        var recorded = store.IndexEntries(kind.Kind, name);
        var imported = store.Versions(kind.Kind, name).Where(v => v.Imported).Select(v => v.Version).ToHashSet(StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var budget = options.CurrentValue.IndexEntriesPerSync;
        OciRemote? remote = null;
        foreach (var item in Ascending(listed).Reverse())
        {
            if (imported.Contains(item.Version)) continue;
            recorded.TryGetValue(item.Version, out var existing);
            if (spec.Type != ChartSourceSpec.Oci)
            {
                if (item.Fields is null) continue;
                store.RecordIndexEntry(kind.Kind, name, item.Version, new IndexEntry(item.Digest, item.Created ?? existing?.Created ?? now,
                    item.Digest.StartsWith("sha256:", StringComparison.Ordinal) ? item.Digest["sha256:".Length..] : "", item.Fields.ToJsonString()));
                continue;
            }
            if (existing is not null || budget <= 0) continue;
            budget--;
            var (host, repository) = ParseOci(spec.Reference);
            remote ??= Remote(session, host);
            try
            {
                if (await OciIndexEntryAsync(remote, repository, item, now, ct) is { } entry) store.RecordIndexEntry(kind.Kind, name, item.Version, entry);
            }
            catch (Exception e) when (e is SourceUnreachableException or RegistryAnswerException)
            {
                // Listed all the same; its entry is read again at the next sync (or it is indexed once imported).
                logger.LogWarning("Could not read the index entry of {Kind}/{Name} {Version} from {Location}: {Message}", kind.Kind, name, item.Version,
                    item.Location, e.Message);
            }
        }
    }

    /// <summary>A version's index entry from its manifest and config; null when it is not a chart this server would serve as it is.</summary>
    private async Task<IndexEntry?> OciIndexEntryAsync(OciRemote remote, string repository, Listed item, DateTimeOffset now, CancellationToken ct)
    {
        var manifest = await remote.ManifestAsync(repository, item.Tag, options.CurrentValue.MaxDocumentBytes, ct);
        if (manifest is null) return null;
        var body = JsonNode.Parse(manifest.Bytes);
        var config = body?["config"];
        var layers = body?["layers"]?.AsArray() ?? [];
        // One chart layer: the archive served after import is exactly that layer, so its digest is the entry's.
        if (layers.Count != 1 || layers[0]?["mediaType"]?.GetValue<string>() != ChartContentType || layers[0]?["digest"]?.GetValue<string>() is not { } layer ||
            !layer.StartsWith("sha256:", StringComparison.Ordinal) || config?["digest"]?.GetValue<string>() is not { } configDigest)
            return null;
        if (config["size"]?.GetValue<long>() > MaxConfigBytes) return null;
        var configBytes = await remote.BlobAsync(repository, configDigest, MaxConfigBytes, ct);
        JsonObject? fields;
        try
        {
            fields = JsonNode.Parse(configBytes) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        if (fields is null || (fields["version"] as JsonValue)?.ToString() != item.Version) return null;
        var created = body?["annotations"]?["org.opencontainers.image.created"]?.GetValue<string>() is { } stamp &&
                      DateTimeOffset.TryParse(stamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : now;
        return new IndexEntry(manifest.Digest, created, layer["sha256:".Length..], fields.ToJsonString());
    }

    /// <summary>The recorded index entries of a chart's listed versions (imported or not), by version.</summary>
    public Dictionary<string, IndexEntry> IndexEntries(ArtifactKind kind, string name) =>
        kind.Kind != ChartKind ? [] : store.IndexEntries(kind.Kind, name);

    /// <summary>The charts with index entries of versions not imported yet.</summary>
    public HashSet<string> ChartsWithPendingEntries(ArtifactKind kind) => kind.Kind != ChartKind ? [] : store.NamesWithPendingEntries(kind.Kind);

    /// <summary>Changes whenever discovery lists, records or forgets a version, or one is imported.</summary>
    public string IndexStamp(ArtifactKind kind) => kind.Kind != ChartKind ? "" : store.IndexStamp(kind.Kind);

    // ---- importing ----

    /// <summary>
    /// Imports the version a read names when it is listed but not imported yet (lazy import); anything else is left to the
    /// read itself. <paramref name="reference"/> is a version, "version:X", an OCI tag, main or a commit.
    /// </summary>
    public async Task EnsureImportedAsync(ArtifactKind kind, string name, string? reference, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(reference) || reference == ArtifactRepository.Main || kind.Kind != ChartKind || !ArtifactName.IsValid(name)) return;
        if (reference.StartsWith("version:", StringComparison.Ordinal)) reference = reference["version:".Length..];
        if (store.FindVersion(kind.Kind, name, reference) is not { Imported: false } pending) return;
        try
        {
            await ImportAsync(kind, name, pending, null, ct);
        }
        catch (SourceUnreachableException e)
        {
            throw new ProductException(e.Refused ? ErrorCode.DestinationRefused : ErrorCode.RemoteFailed,
                $"{name} {pending.Version} is listed by its source but could not be imported: {e.Message}");
        }
        catch (RegistryAnswerException e)
        {
            throw new ProductException(ErrorCode.RemoteFailed, $"{name} {pending.Version} is listed by its source but could not be imported: {e.Message}");
        }
    }

    /// <summary>The versions upstream lists that are not imported yet, and what is known of every version's upstream.</summary>
    public Dictionary<string, UpstreamVersion> Upstream(ArtifactKind kind, string name) =>
        kind.Kind != ChartKind ? [] : store.Versions(kind.Kind, name).ToDictionary(v => v.Version, StringComparer.Ordinal);

    public SourceState? Source(ArtifactKind kind, string name) => kind.Kind != ChartKind ? null : store.Find(kind.Kind, name);

    public Dictionary<string, SourceState> Sources(ArtifactKind kind) => kind.Kind != ChartKind ? [] : store.All(kind.Kind);

    /// <summary>The OCI tags of versions listed upstream and not imported yet (this server's registry lists them too).</summary>
    public IEnumerable<string> PendingTags(ArtifactKind kind, string name) =>
        kind.Kind != ChartKind ? [] : store.Versions(kind.Kind, name).Where(v => !v.Imported).Select(v => VersionTag.ToOciTag(v.Version));

    private Task ImportAsync(ArtifactKind kind, string name, UpstreamVersion version, byte[]? content, CancellationToken ct)
    {
        // One import per version at a time: concurrent first reads wait for the same import.
        var key = $"{kind.Kind}/{name}/{version.Version}";
        var import = _imports.GetOrAdd(key, _ => new Lazy<Task>(() => ImportOnceAsync(kind, name, version, content, CancellationToken.None)));
        return import.Value.ContinueWith(t =>
        {
            _imports.TryRemove(key, out _);
            return t;
        }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).Unwrap().WaitAsync(ct);
    }

    private sealed record Fetched(List<(string Path, byte[] Content)> Files, string Digest, byte[] Manifest, string ManifestDigest, string ManifestType,
        byte[] Config, string ConfigDigest, string ConfigType, byte[] Layer, string LayerDigest, string LayerType, bool Identical);

    private async Task ImportOnceAsync(ArtifactKind kind, string name, UpstreamVersion version, byte[]? content, CancellationToken ct)
    {
        ChartSourceSpec spec;
        using (var lookup = repositories.Open(kind, name))
            spec = lookup.Source ?? throw new InvalidOperationException($"{name} has no source.");
        Fetched fetched;
        using (var session = outbound.Open())
            fetched = spec.Type == ChartSourceSpec.Oci
                ? await FetchOciAsync(session, kind, name, spec, version, ct)
                : await FetchArchiveAsync(session, kind, name, version, content, ct);

        var now = clock.GetUtcNow();
        using var _ = await repositories.Locks.AcquireAsync(kind.Kind, name, ct);
        using var repo = repositories.Open(kind, name);
        if (repo.FindTag(version.Version) is not null)
        {
            store.MarkImported(kind.Kind, name, version.Version, version.Tag, version.Location, repo.Upstream(repo.FindTag(version.Version)!)?.Digest ?? fetched.Digest);
            return;
        }
        var before = VersionRules.RequireNew(repositories, repo, kind, name, version.Version);
        var mine = SemanticVersion.TryParse(version.Version);
        var moveMain = repo.Head is null || (mine is not null && repo.VersionTags.All(t => SemanticVersion.TryParse(t.FriendlyName) is not { } other || mine.CompareTo(other) > 0));
        var signature = Sync.Signature(now);
        var commit = repo.CommitImport(fetched.Files, signature, $"Import {name} {version.Version} from {version.Location}", moveMain);
        var source = spec.Type == ChartSourceSpec.Oci ? PublishSource.ExternalOci : PublishSource.ExternalUrl;
        // The upstream's exact bytes are kept before the tag exists; the tag, its notes and the record then settle together.
        var pushed = fetched.Identical
            ? repo.KeepPushedArtifact(version.Version, fetched.Manifest, fetched.ManifestDigest, fetched.ManifestType, fetched.Config, fetched.ConfigDigest,
                fetched.ConfigType, fetched.Layer, fetched.LayerDigest, fetched.LayerType, signature)
            : null;
        var record = audit.Capture("version.published", Audit.AuditTarget.Artifact(kind.Kind, name, version.Version),
            new { commit = commit.Sha, source = Catalog.Publication.SourceName(source), location = version.Location, digest = fetched.Digest },
            actor: Sync.Username);
        if (!journal.TryPublish(repo, kind.Kind, name, version.Version, commit, Sync, source, now,
                $"{name} {version.Version}, imported from {version.Location} ({fetched.Digest})\n", record,
                new PublicationJournal.Extras(pushed, version.Location, fetched.Digest)))
            throw VersionRules.Exists(name, version.Version);
        repositories.Reindex(kind, name, repo, repositories.VersionIndex.Added(repo, kind.Kind, name, before, [version.Version]));
        journal.Complete(kind.Kind, name, version.Version);
        store.MarkImported(kind.Kind, name, version.Version, version.Tag, version.Location, fetched.Digest);
        logger.LogInformation("Imported {Kind}/{Name} {Version} from {Location} ({Digest})", kind.Kind, name, version.Version, version.Location, fetched.Digest);
    }

    private async Task<Fetched> FetchOciAsync(OutboundSession session, ArtifactKind kind, string name, ChartSourceSpec spec, UpstreamVersion version,
        CancellationToken ct)
    {
        var (host, repository) = ParseOci(spec.Reference);
        var remote = Remote(session, host);
        var manifest = await remote.ManifestAsync(repository, version.Tag, options.CurrentValue.MaxDocumentBytes, ct)
                       ?? throw new ProductException(ErrorCode.VersionUnknown, $"{spec.Reference} no longer has the tag {version.Tag}, so {name} {version.Version} cannot be imported.");
        var body = JsonNode.Parse(manifest.Bytes);
        var config = body?["config"];
        var layers = body?["layers"]?.AsArray() ?? [];
        var chartLayer = layers.FirstOrDefault(l => l?["mediaType"]?.GetValue<string>() == ChartContentType);
        if (config?["digest"]?.GetValue<string>() is not { } configDigest || chartLayer?["digest"]?.GetValue<string>() is not { } layerDigest)
            throw new ProductException(ErrorCode.ManifestInvalid,
                $"{spec.Reference}:{version.Tag} is not a Helm chart (its manifest has no {ChartContentType} layer).");
        var max = limits.Value.MaxArtifactBytes;
        if (chartLayer["size"]?.GetValue<long>() > max)
            throw new ProductException(ErrorCode.SizeInvalid, $"{spec.Reference}:{version.Tag} is larger than an artifact may be ({max} bytes).");
        var configBytes = await remote.BlobAsync(repository, configDigest, options.CurrentValue.MaxDocumentBytes, ct);
        var layerBytes = await remote.BlobAsync(repository, layerDigest, max, ct);
        var configType = config["mediaType"]?.GetValue<string>() ?? ChartConfigType;
        var unpacked = await UnpackAsync(kind, name, layerBytes, Encoding.UTF8.GetString(configBytes), ct, configType);
        RequireVersion(name, version, unpacked);
        return new Fetched(unpacked.Files.Select(f => (f.Path, f.Content.ToByteArray())).ToList(), manifest.Digest, manifest.Bytes, manifest.Digest, manifest.MediaType,
            configBytes, configDigest, configType, layerBytes, layerDigest, ChartContentType, Identical: layers.Count == 1);
    }

    private async Task<Fetched> FetchArchiveAsync(OutboundSession session, ArtifactKind kind, string name, UpstreamVersion version, byte[]? content,
        CancellationToken ct)
    {
        var uri = new Uri(version.Location);
        var bytes = content ?? await FetchAsync(session, uri, limits.Value.MaxArtifactBytes, "The chart archive", ct)
            ?? throw new ProductException(ErrorCode.VersionUnknown, $"{OutboundSession.Show(uri)} no longer exists (404), so {name} {version.Version} cannot be imported.");
        var digest = Sha256(bytes);
        if (version.ListedDigest != "" && version.ListedDigest != digest)
            throw new ProductException(ErrorCode.DigestInvalid,
                $"{OutboundSession.Show(uri)} has digest {digest}, but the repository's index says {version.ListedDigest}; it was not imported.");
        var unpacked = await UnpackAsync(kind, name, bytes, "", ct);
        RequireVersion(name, version, unpacked);
        var files = unpacked.Files.Select(f => (f.Path, f.Content.ToByteArray())).ToList();
        // The archive is served as it is; its OCI config and manifest are made as this server makes them for any chart.
        var package = await kind.PackageAsync(new PackageRequest { Name = name, Version = version.Version, Files = { unpacked.Files } }, ct);
        var configBytes = Encoding.UTF8.GetBytes(package.ConfigJson == "" ? "{}" : package.ConfigJson);
        var configDigest = Digest.Parse(Sha256(configBytes));
        var layerDigest = Digest.Parse(digest);
        var annotations = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["org.opencontainers.image.source"] = version.Location,
            ["org.opencontainers.image.title"] = name,
            ["org.opencontainers.image.version"] = version.Version,
        };
        var manifest = ArtifactOciView.ManifestJson(package.ConfigMediaType == "" ? ChartConfigType : package.ConfigMediaType, configDigest, configBytes.Length,
            ChartContentType, layerDigest, bytes.Length, annotations);
        return new Fetched(files, digest, manifest, Sha256(manifest), OciMediaTypes.ImageManifest, configBytes, configDigest.ToString(),
            package.ConfigMediaType == "" ? ChartConfigType : package.ConfigMediaType, bytes, digest, ChartContentType, Identical: true);
    }

    private static void RequireVersion(string name, UpstreamVersion version, UnpackResponse unpacked)
    {
        if (unpacked.Version != "" && unpacked.Version != version.Version)
            throw new ProductException(ErrorCode.ManifestInvalid,
                $"{version.Location} holds version {unpacked.Version} of the chart, not {version.Version}; {name} {version.Version} was not imported.");
    }

    private async Task<UnpackResponse> UnpackAsync(ArtifactKind kind, string name, byte[] archive, string configJson, CancellationToken ct,
        string configType = ChartConfigType)
    {
        // The chart plugin reads its own package format under the catalog's limits and the archive safety rules.
        return await kind.UnpackAsync(new UnpackRequest
        {
            Name = name, MediaType = ChartContentType, Content = ByteString.CopyFrom(archive), ConfigJson = configJson, ConfigMediaType = configType,
            MaxFileBytes = limits.Value.MaxFileBytes, MaxArtifactBytes = limits.Value.MaxArtifactBytes, MaxFiles = limits.Value.MaxFiles,
        }, ct);
    }

    // ---- talking to sources ----

    /// <summary>The registry API of a host, with the host's credential when it has one.</summary>
    public OciRemote Remote(OutboundSession session, string host)
    {
        var credential = credentials.ForHost(host);
        return new OciRemote(session, host, credential?.Username, credential is null ? null : credentials.Secret(credential), credential?.Insecure ?? false);
    }

    /// <summary>A chart URL's bytes (null for 404), with the credential of its host (Basic or Bearer) while the request stays on that host.</summary>
    private async Task<byte[]?> FetchAsync(OutboundSession session, Uri uri, long limit, string what, CancellationToken ct)
    {
        var host = SourceHost.Of(uri);
        var credential = credentials.ForHost(host);
        AuthenticationHeaderValue? authorization = null;
        if (credential is not null)
        {
            var secret = credentials.Secret(credential);
            authorization = credential.AuthType == SourceCredential.Bearer
                ? new AuthenticationHeaderValue("Bearer", secret)
                : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.Username}:{secret}")));
        }
        using var response = await session.SendAsync(HttpMethod.Get, uri, credential?.Insecure ?? false, authorization, host, null, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new SourceUnreachableException(credential is null
                ? $"{OutboundSession.Show(uri)} requires credentials ({(int)response.StatusCode}): add a credential for {host}."
                : $"Wrong credentials: {OutboundSession.Show(uri)} refused the credential for {host} ({(int)response.StatusCode}).");
        if (!response.IsSuccessStatusCode)
            throw new SourceUnreachableException($"{OutboundSession.Show(uri)} answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        return await session.ReadAsync(response, limit, what, ct);
    }

    private static string Sha256(byte[] bytes) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
}
