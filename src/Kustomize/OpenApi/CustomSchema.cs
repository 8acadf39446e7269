namespace GitOpsHQ.Kustomize;

/// <summary>
/// A custom OpenAPI v2 schema file: its "definitions", found for a kind through their
/// x-kubernetes-group-version-kind entries, give list merge rules by x-kubernetes-patch-strategy and
/// x-kubernetes-patch-merge-key. Like kustomize, such a schema replaces the built-in Kubernetes
/// schema for the whole build: kinds it does not describe have no merge keys.
/// </summary>
public sealed class CustomSchema : IListMergeSchema
{
    private static readonly AsyncLocal<IListMergeSchema?> InForce = new();
    private static readonly AsyncLocal<bool> Chosen = new();

    private readonly MapNode _definitions;
    private readonly Dictionary<Gvk, MapNode> _kinds = [];

    private CustomSchema(MapNode definitions)
    {
        _definitions = definitions;
        foreach (var definition in definitions.Fields.Values.OfType<MapNode>())
        {
            foreach (var entry in definition.List("x-kubernetes-group-version-kind")?.Items.OfType<MapNode>() ?? [])
            {
                _kinds.TryAdd(new Gvk(entry.Text("group") ?? "", entry.Text("version") ?? "", entry.Text("kind") ?? ""), definition);
            }
        }
    }

    /// <summary>The schema of the build running on this flow, if its kustomizations set one.</summary>
    public static IListMergeSchema? Current => InForce.Value;

    /// <summary>
    /// Whether a kustomization of this build has chosen the schema already — a custom one, or the built-in one by
    /// version (then <see cref="Current"/> stays null): the first choice holds for the whole build.
    /// </summary>
    public static bool IsChosen => Chosen.Value;

    /// <summary>Chooses the schema for the rest of the build: a custom one, or null for the built-in one.</summary>
    public static void Choose(IListMergeSchema? schema)
    {
        InForce.Value = schema;
        Chosen.Value = true;
    }

    /// <summary>Starts or ends a build: no schema chosen.</summary>
    public static void Reset()
    {
        InForce.Value = null;
        Chosen.Value = false;
    }

    /// <summary>Reads a schema file (JSON or YAML) with a "definitions" map.</summary>
    public static CustomSchema Read(string text, string file)
    {
        var documents = NodeReader.Documents(text, file);
        if (documents.Count == 0 || documents[0] is not MapNode root)
        {
            throw new KustomizeBuildException($"{file}: the openapi schema must be a JSON or YAML object");
        }

        return new CustomSchema(root.Map("definitions") ?? new MapNode());
    }

    public SchemaList ListAt(Gvk gvk, string path)
    {
        if (!_kinds.TryGetValue(gvk, out var node))
        {
            return SchemaList.Replace;
        }

        MapNode? current = node;
        MapNode? property = null;
        foreach (var segment in path.Split('.'))
        {
            current = Resolve(current);
            if (current?.Text("type") == "array" || (current?["items"] is not null && current.Map("properties") is null))
            {
                current = Resolve(current.Map("items"));
            }

            property = current?.Map("properties")?.Map(segment);
            if (property is null)
            {
                return SchemaList.Replace;
            }

            current = property;
        }

        var strategy = property!.Text("x-kubernetes-patch-strategy") ?? Resolve(property)?.Text("x-kubernetes-patch-strategy") ?? "";
        if (!strategy.Split(',').Contains("merge"))
        {
            return SchemaList.Replace;
        }

        var key = property.Text("x-kubernetes-patch-merge-key") ?? Resolve(property)?.Text("x-kubernetes-patch-merge-key");
        return key is { Length: > 0 } ? new SchemaList(SchemaListStrategy.MergeByKey, key) : new SchemaList(SchemaListStrategy.Union);
    }

    /// <summary>Follows "$ref": "#/definitions/NAME" (a few times at most, against loops).</summary>
    private MapNode? Resolve(MapNode? node)
    {
        for (var hops = 0; hops < 32 && node?.Text("$ref") is { } reference; hops++)
        {
            const string prefix = "#/definitions/";
            node = reference.StartsWith(prefix, StringComparison.Ordinal) ? _definitions.Map(reference[prefix.Length..]) : null;
        }

        return node;
    }
}
