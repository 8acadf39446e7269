using System.Text.Json;
using System.Text.Json.Nodes;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

/// <summary>A descriptor as a manifest gives it: each field null when absent (or JSON null).</summary>
public sealed record OciDescriptor(string? MediaType, string? Digest, string? ArtifactType);

/// <summary>
/// A pushed manifest or index, read once with every field the registry uses checked for its JSON type, so a value of the
/// wrong type ("mediaType": 1, "layers": {}, "annotations": {"a": 1}) is MANIFEST_INVALID and never an error later.
/// </summary>
public sealed record OciManifest(
    string MediaType,
    OciDescriptor? Config,
    IReadOnlyList<OciDescriptor> Layers,
    IReadOnlyList<OciDescriptor> Manifests,
    OciDescriptor? Subject,
    string? ArtifactType,
    Dictionary<string, string>? Annotations)
{
    /// <summary>What the manifest is an artifact of: its artifactType, else its config's media type.</summary>
    public string? EffectiveArtifactType => ArtifactType ?? Config?.MediaType;
}

/// <summary>Reads a pushed manifest or index: JSON, a supported media type, schemaVersion 2, fields of their types, and the digests it references.</summary>
public static class OciManifestJson
{
    public static OciManifest Parse(string? contentType, byte[] content)
    {
        try
        {
            // A key given twice is refused here: the parsed object would otherwise fail when the key is first read.
            var node = JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { AllowDuplicateProperties = false });
            return Read(contentType, node);
        }
        catch (JsonException e)
        {
            throw Invalid($"The manifest is not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException e) when (e.TargetSite?.DeclaringType?.Assembly == typeof(JsonNode).Assembly)
        {
            // System.Text.Json's words for text it parsed but cannot give as a string, e.g. an escaped lone surrogate ("\udfff").
            throw Invalid($"The manifest is not valid JSON: {e.Message}");
        }
    }

    private static OciManifest Read(string? contentType, JsonNode? node)
    {
        if (node is not JsonObject body) throw Invalid("A manifest is a JSON object.");
        var declared = Text(body, "mediaType", "mediaType");
        var header = contentType?.Split(';')[0].Trim();
        var mediaType = header is { Length: > 0 } && OciMediaTypes.Manifests.Contains(header) ? header : declared;
        if (mediaType is null || !OciMediaTypes.Manifests.Contains(mediaType))
            throw Invalid($"Unsupported manifest media type '{mediaType ?? header}'; use {string.Join(", ", OciMediaTypes.Manifests)}.");
        if (declared is not null && declared != mediaType)
            throw Invalid($"The manifest declares mediaType {declared} but was sent as {mediaType}.");
        if (body["schemaVersion"] is not JsonValue version || !version.TryGetValue<int>(out var number) || number != 2)
            throw Invalid("schemaVersion must be 2.");
        return new OciManifest(
            mediaType,
            Descriptor(body, "config"),
            Descriptors(body, "layers"),
            Descriptors(body, "manifests"),
            Descriptor(body, "subject"),
            Text(body, "artifactType", "artifactType"),
            Annotations(body, "annotations"));
    }

    /// <summary>The digests a manifest references: an index's manifests, or an image manifest's config and layers.</summary>
    public static IEnumerable<Digest> References(OciManifest manifest)
    {
        var descriptors = OciMediaTypes.IsIndex(manifest.MediaType)
            ? manifest.Manifests
            : new[] { manifest.Config }.Concat(manifest.Layers);
        foreach (var descriptor in descriptors)
        {
            var text = descriptor?.Digest;
            if (!Digest.TryParse(text, out var digest)) throw Invalid($"'{text}' is not a valid descriptor digest.");
            yield return digest;
        }
    }

    private static OciDescriptor? Descriptor(JsonObject parent, string key) => parent[key] switch
    {
        null => null,
        JsonObject descriptor => Fields(descriptor, key),
        _ => throw Invalid($"{key} is a descriptor (a JSON object)."),
    };

    private static OciDescriptor Fields(JsonObject descriptor, string what) =>
        new(Text(descriptor, "mediaType", $"{what}.mediaType"), Text(descriptor, "digest", $"{what}.digest"), Text(descriptor, "artifactType", $"{what}.artifactType"));

    private static List<OciDescriptor> Descriptors(JsonObject parent, string key) => parent[key] switch
    {
        null => [],
        JsonArray items => items.Select((item, i) => item as JsonObject is { } descriptor
            ? Fields(descriptor, $"{key}[{i}]")
            : throw Invalid($"{key}[{i}] is a descriptor (a JSON object).")).ToList(),
        _ => throw Invalid($"{key} is a list of descriptors."),
    };

    private static string? Text(JsonObject parent, string key, string what) => parent[key] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw Invalid($"{what} is a string."),
    };

    private static Dictionary<string, string>? Annotations(JsonObject parent, string key) => parent[key] switch
    {
        null => null,
        JsonObject map => map.ToDictionary(p => p.Key, p => p.Value is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw Invalid($"{key}.{p.Key} is a string (annotations map strings to strings)."), StringComparer.Ordinal),
        _ => throw Invalid($"{key} is a map of strings."),
    };

    private static ProductException Invalid(string message) => new(ErrorCode.ManifestInvalid, message);
}
