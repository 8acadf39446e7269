namespace GitOpsHQ.Kustomize;

/// <summary>
/// A custom OpenAPI v2 schema file: its "definitions", found for a kind through their
/// x-kubernetes-group-version-kind entries, give list merge rules by x-kubernetes-patch-strategy and
/// x-kubernetes-patch-merge-key. Like kustomize, such a schema replaces the built-in Kubernetes
/// schema for the whole build: kinds it does not describe have no merge keys — unless kustomize had loaded the
/// built-in schema before the custom one was chosen (<see cref="OverBuiltIn"/>): then the custom definitions are added
/// to the built-in ones, so kinds the custom schema does not describe, and "$ref"s to definitions it lacks, follow
/// the built-in schema.
/// </summary>
public sealed class CustomSchema : IListMergeSchema
{
    private static readonly AsyncLocal<IListMergeSchema?> InForce = new();
    private static readonly AsyncLocal<bool> Chosen = new();
    private static readonly AsyncLocal<bool> BuiltInUsed = new();

    private readonly MapNode _definitions;
    private readonly Dictionary<Gvk, MapNode> _kinds = [];

    private CustomSchema(MapNode definitions, bool overBuiltIn)
    {
        _definitions = definitions;
        OverBuiltIn = overBuiltIn;
        foreach (var definition in definitions.Fields.Values.OfType<MapNode>())
        {
            foreach (var entry in definition.List("x-kubernetes-group-version-kind")?.Items.OfType<MapNode>() ?? [])
            {
                _kinds.TryAdd(new Gvk(entry.Text("group") ?? "", entry.Text("version") ?? "", entry.Text("kind") ?? ""), definition);
            }
        }
    }

    /// <summary>Whether the custom definitions are added to the built-in schema instead of replacing it.</summary>
    public bool OverBuiltIn { get; }

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
        BuiltInUsed.Value = false;
    }

    /// <summary>
    /// Whether kustomize has loaded its built-in schema in this build before any schema was chosen: it does for the
    /// first strategic merge, or to learn whether a resource of a kind its precomputed table lacks is namespaced. A
    /// custom schema chosen after that is added to the built-in one (<see cref="OverBuiltIn"/>).
    /// </summary>
    public static bool BuiltInLoaded => BuiltInUsed.Value;

    /// <summary>Notes that kustomize would load its built-in schema now (see <see cref="BuiltInLoaded"/>).</summary>
    public static void LoadBuiltIn()
    {
        if (!Chosen.Value)
        {
            BuiltInUsed.Value = true;
        }
    }

    /// <summary>Reads a schema file (JSON or YAML) with a "definitions" map, added to the built-in schema when <paramref name="overBuiltIn"/>.</summary>
    public static CustomSchema Read(string text, string file, bool overBuiltIn = false)
    {
        var documents = NodeReader.Documents(text, file);
        if (documents.Count == 0 || documents[0] is not MapNode root)
        {
            throw new KustomizeBuildException($"{file}: the openapi schema must be a JSON or YAML object");
        }

        return new CustomSchema(root.Map("definitions") ?? new MapNode(), overBuiltIn);
    }

    public SchemaList ListAt(Gvk gvk, string path)
    {
        if (!_kinds.TryGetValue(gvk, out var node))
        {
            return OverBuiltIn ? new SchemaList(SchemaListStrategy.BuiltIn, Path: path) : SchemaList.Replace;
        }

        MapNode? current = node;
        MapNode? property = null;
        var segments = path.Split('.');
        for (var at = 0; at < segments.Length; at++)
        {
            current = Resolve(current, out var missing);
            if (current?.Text("type") == "array" || (current?["items"] is not null && current.Map("properties") is null))
            {
                current = Resolve(current.Map("items"), out missing);
            }

            if (current is null && missing is not null && OverBuiltIn)
            {
                return new SchemaList(SchemaListStrategy.BuiltIn, Definition: missing, Path: string.Join('.', segments[at..]));
            }

            property = current?.Map("properties")?.Map(segments[at]);
            if (property is null)
            {
                return SchemaList.Replace;
            }

            current = property;
        }

        var resolved = Resolve(property, out _);
        var strategy = property!.Text("x-kubernetes-patch-strategy") ?? resolved?.Text("x-kubernetes-patch-strategy") ?? "";
        if (!strategy.Split(',').Contains("merge"))
        {
            return SchemaList.Replace;
        }

        var key = property.Text("x-kubernetes-patch-merge-key") ?? resolved?.Text("x-kubernetes-patch-merge-key");
        return key is { Length: > 0 } ? new SchemaList(SchemaListStrategy.MergeByKey, key) : new SchemaList(SchemaListStrategy.Union);
    }

    /// <summary>
    /// Follows "$ref": "#/definitions/NAME" (a few times at most, against loops); <paramref name="missing"/> names a
    /// definition referred to that the schema lacks.
    /// </summary>
    private MapNode? Resolve(MapNode? node, out string? missing)
    {
        missing = null;
        for (var hops = 0; hops < 32 && node?.Text("$ref") is { } reference; hops++)
        {
            const string prefix = "#/definitions/";
            var name = reference.StartsWith(prefix, StringComparison.Ordinal) ? reference[prefix.Length..] : null;
            node = name is null ? null : _definitions.Map(name);
            missing = node is null ? name : null;
        }

        return node;
    }
}
