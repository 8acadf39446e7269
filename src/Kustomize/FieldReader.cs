namespace GitOpsHQ.Kustomize;

/// <summary>Typed reads of one kustomization field, failing like kustomize's strict decoding.</summary>
internal sealed class FieldReader(string file, string field)
{
    public KustomizeBuildException Wrong(string what) =>
        new($"{file}: invalid Kustomization: json: cannot unmarshal {what} into Go struct field of {field}");

    public string? Text(Node? value) => value switch
    {
        null or ScalarNode { Value: null } => null,
        ScalarNode { Value: string text } => text,
        _ => throw Wrong($"{Describe(value)} into a string"),
    };

    public IEnumerable<string> Strings(Node value) => value switch
    {
        ScalarNode { Value: null } => [],
        ListNode list => list.Items.Select(item => Text(item) ?? throw Wrong("null into a string")),
        _ => throw Wrong($"{Describe(value)} into a list"),
    };

    public IEnumerable<KeyValuePair<string, string>> StringMap(Node? value) => value switch
    {
        null or ScalarNode { Value: null } => [],
        MapNode map => map.Fields.Select(pair => KeyValuePair.Create(pair.Key, Text(pair.Value) ?? "")),
        _ => throw Wrong($"{Describe(value)} into a map of strings"),
    };

    public IEnumerable<MapNode> Maps(Node value) => value switch
    {
        ScalarNode { Value: null } => [],
        ListNode list => list.Items.Select(item => item as MapNode ?? throw Wrong($"{Describe(item)} into an object")),
        _ => throw Wrong($"{Describe(value)} into a list"),
    };

    public ImageOverride Image(MapNode map)
    {
        map = GoFields(map, "name", "newName", "newTag", "digest");
        return new ImageOverride(Text(map["name"]) ?? "", Text(map["newName"]), Text(map["newTag"]), Text(map["digest"]));
    }

    public ReplicaOverride Replica(MapNode map)
    {
        map = GoFields(map, "name", "count");
        var count = map["count"] switch
        {
            null => 0L,
            ScalarNode { Value: long n } => n,
            // 3.0 is JSON's 3 by the time kustomize decodes it.
            ScalarNode { Value: double d } when d % 1 == 0 && Math.Abs(d) < 9e18 => (long)d,
            var other => throw Wrong($"{Describe(other)} into an int64"),
        };
        return new ReplicaOverride(Text(map["name"]) ?? "", count);
    }

    public LabelSet LabelSet(MapNode map)
    {
        map = GoFields(map, "pairs", "includeSelectors", "includeTemplates", "fields");
        var fields = map["fields"] is { } list ? Maps(list).Select(FieldSpecOf).ToList() : [];
        return new LabelSet(StringMap(map["pairs"]).ToList(), Bool(map["includeSelectors"]), Bool(map["includeTemplates"]), fields);
    }

    /// <summary>A field spec entry: path, group, version, kind and create.</summary>
    public FieldSpec FieldSpecOf(MapNode map)
    {
        map = GoFields(map, "path", "group", "version", "kind", "create");
        if (map["create"] is not (null or ScalarNode { Value: null or bool }))
        {
            throw Wrong($"{Describe(map["create"]!)} into a bool");
        }

        return FieldSpec.For(Text(map["kind"]) ?? "", Text(map["path"]) ?? "", Bool(map["create"]), Text(map["group"]) ?? "", Text(map["version"]) ?? "");
    }

    public SortOptions SortOptions(Node value)
    {
        var map = value as MapNode ?? throw Wrong($"{Describe(value)} into an object");
        map = GoFields(map, "order", "legacySortOptions");
        var order = Text(map["order"]);
        if (order is not ("legacy" or "fifo"))
        {
            throw new KustomizeBuildException("the field 'sortOptions.order' must be one of [fifo, legacy]");
        }

        var legacy = map.Map("legacySortOptions") is { } options ? GoFields(options, "orderFirst", "orderLast") : null;
        if (legacy is not null && order == "fifo")
        {
            throw new KustomizeBuildException("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'");
        }

        return new SortOptions(order == "legacy",
            legacy is null ? null : legacy["orderFirst"] is { } first ? Strings(first).ToList() : [],
            legacy is null ? null : legacy["orderLast"] is { } last ? Strings(last).ToList() : []);
    }

    private static bool Bool(Node? value) => KustomizationDecoding.IsTrue(value);

    /// <summary>
    /// The fields of <paramref name="map"/> under their canonical names, as Go's JSON decoding
    /// reads them: names match exactly or ignoring case, the last wins, and an unknown name fails.
    /// </summary>
    public static MapNode GoFields(MapNode map, params IReadOnlyCollection<string> known)
    {
        var result = new MapNode();
        foreach (var (key, value) in map.Fields)
        {
            var name = known.FirstOrDefault(k => k == key) ?? known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
            result.Set(name ?? throw new KustomizeBuildException($"invalid Kustomization: json: unknown field \"{key}\""), value);
        }

        return result;
    }

    private static string Describe(Node value) => value switch
    {
        MapNode => "object",
        ListNode => "array",
        ScalarNode { Value: bool } => "bool",
        ScalarNode { Value: long or ulong or double } => "number",
        _ => "string",
    };
}
