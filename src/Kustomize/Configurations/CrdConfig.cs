namespace GitOpsHQ.Kustomize;

/// <summary>
/// The crds field: files of OpenAPI definitions by Go type name ({"pkg.Kind": {"Schema": {...}}}).
/// Each definition with kind, apiVersion and metadata properties is a kind (named by the last
/// '.'-part of its type name) whose properties, followed through "$ref", mark fields with
/// x-kubernetes-label-selector, x-kubernetes-annotation, x-kubernetes-identity (name prefix) and
/// x-kubernetes-object-ref-kind (a name reference, the name under x-kubernetes-object-ref-name-key or "name").
/// </summary>
internal static class CrdConfig
{
    private const int MaxDepth = 32;

    public static TransformerConfig Read(string text, string file)
    {
        var config = new TransformerConfig();
        var documents = NodeReader.Documents(text, file, lastKeyWins: true);
        if (documents.Count == 0)
        {
            return config;
        }

        var definitions = documents[0] as MapNode
            ?? throw new KustomizeBuildException($"{file}: json: cannot unmarshal into Go value of type accumulator.nameToApiMap");
        foreach (var (name, _) in definitions.Fields)
        {
            var properties = Properties(definitions, name);
            if (properties?["kind"] is null || properties["apiVersion"] is null || properties["metadata"] is null)
            {
                continue;
            }

            var gvk = new Gvk("", "", name[(name.LastIndexOf('.') + 1)..]);
            Load(config, gvk, definitions, name, [], 0);
        }

        return config;
    }

    private static void Load(TransformerConfig config, Gvk gvk, MapNode definitions, string typeName, List<string> path, int depth)
    {
        if (depth > MaxDepth || Properties(definitions, typeName) is not { } properties)
        {
            return;
        }

        foreach (var (propertyName, value) in properties.Fields)
        {
            if (value is not MapNode property)
            {
                continue;
            }

            var here = path.Append(propertyName).ToList();
            var spec = new FieldSpec(gvk, string.Join('/', here), false);
            if (property.Text("x-kubernetes-annotation") is not null)
            {
                config.CommonAnnotations.Add(spec);
            }

            if (property.Text("x-kubernetes-label-selector") is not null)
            {
                config.CommonLabels.Add(spec);
            }

            if (property.Text("x-kubernetes-identity") is not null)
            {
                config.NamePrefix.Add(spec);
            }

            if (property.Text("x-kubernetes-object-ref-kind") is { } kind)
            {
                var nameKey = property.Text("x-kubernetes-object-ref-name-key") ?? "name";
                config.NameReferences.Add(new NameReference(new Gvk("", "", kind),
                    [new FieldSpec(gvk, string.Join('/', here.Append(nameKey)), false)]));
            }

            if (property.Text("$ref") is { Length: > 0 } reference)
            {
                Load(config, gvk, definitions, reference, here, depth + 1);
            }
        }
    }

    /// <summary>The properties of a definition's schema ("Schema" matched ignoring case, like Go's JSON decoding).</summary>
    private static MapNode? Properties(MapNode definitions, string typeName)
    {
        if (definitions.Map(typeName) is not { } definition)
        {
            return null;
        }

        var schema = definition.Fields.FirstOrDefault(pair => string.Equals(pair.Key, "Schema", StringComparison.OrdinalIgnoreCase)).Value as MapNode;
        return schema?.Map("properties");
    }
}
