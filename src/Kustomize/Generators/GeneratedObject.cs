using System.Text;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The ConfigMap or Secret a generator makes. A ConfigMap holds UTF-8 values in data and other
/// bytes base64-encoded in binaryData (data is left out when empty); a Secret holds every value
/// base64-encoded in data (always present) and has a type.
/// </summary>
internal static class GeneratedObject
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static MapNode Make(GeneratorArgs args, IReadOnlyList<KeyValue> pairs, GeneratorOptions options)
    {
        var kind = args.Kind.ToLowerInvariant();
        if (args.Name.Length == 0)
        {
            throw new KustomizeBuildException($"a {kind} must have a name");
        }

        if (pairs.GroupBy(pair => pair.Key, StringComparer.Ordinal).FirstOrDefault(keys => keys.Count() > 1) is { } repeated)
        {
            throw new KustomizeBuildException($"{kind} {args.Name} illegally repeats the key `{repeated.Key}`");
        }

        var content = new MapNode();
        content.Set("apiVersion", ScalarNode.Of("v1"));
        content.Set("kind", ScalarNode.Of(args.Kind));
        content.Set("metadata", Metadata(args, options));
        var data = new MapNode();
        var binary = new MapNode();
        foreach (var (key, value) in pairs)
        {
            var text = args.Kind == "Secret" ? null : Utf8(value);
            (text is null && args.Kind != "Secret" ? binary : data).Set(key, ScalarNode.Of(text ?? Base64(value)));
        }

        if (data.Fields.Count > 0 || args.Kind == "Secret")
        {
            content.Set("data", data);
        }

        if (binary.Fields.Count > 0)
        {
            content.Set("binaryData", binary);
        }

        if (options.Immutable)
        {
            content.Set("immutable", new ScalarNode(true));
        }

        if (args.Kind == "Secret")
        {
            content.Set("type", ScalarNode.Of(args.Type.Length == 0 ? "Opaque" : args.Type));
        }

        return content;
    }

    private static MapNode Metadata(GeneratorArgs args, GeneratorOptions options)
    {
        var metadata = new MapNode();
        metadata.Set("name", ScalarNode.Of(args.Name));
        if (args.Namespace.Length > 0)
        {
            metadata.Set("namespace", ScalarNode.Of(args.Namespace));
        }

        if (options.Labels.Count > 0)
        {
            metadata.Set("labels", Strings(options.Labels));
        }

        if (options.Annotations.Count > 0)
        {
            metadata.Set("annotations", Strings(options.Annotations));
        }

        return metadata;
    }

    public static MapNode Strings(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new MapNode();
        foreach (var (key, value) in pairs)
        {
            map.Set(key, ScalarNode.Of(value));
        }

        return map;
    }

    /// <summary>Base64 as kustomize writes it: a value over 70 characters goes in lines of 70, each ending with a line break.</summary>
    public static string Base64(byte[] value)
    {
        const int Line = 70;
        var text = Convert.ToBase64String(value);
        return text.Length <= Line ? text : string.Concat(text.Chunk(Line).Select(chunk => new string(chunk) + "\n"));
    }

    private static string? Utf8(byte[] value)
    {
        try
        {
            return StrictUtf8.GetString(value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
