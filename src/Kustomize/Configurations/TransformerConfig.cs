namespace GitOpsHQ.Kustomize;

/// <summary>
/// Field specs added to the built-in transformers by the configurations field (and by crds):
/// name references, label, annotation, image, name affix, namespace, replica and var reference fields of custom kinds.
/// A kustomization's configuration applies to its own transformers and to every kustomization above it.
/// </summary>
internal sealed class TransformerConfig
{
    public List<NameReference> NameReferences { get; } = [];

    public List<FieldSpec> CommonLabels { get; } = [];

    public List<FieldSpec> CommonAnnotations { get; } = [];

    public List<FieldSpec> Images { get; } = [];

    public List<FieldSpec> NamePrefix { get; } = [];

    public List<FieldSpec> NameSuffix { get; } = [];

    public List<FieldSpec> VarReferences { get; } = [];

    public List<FieldSpec> Namespace { get; } = [];

    /// <summary>Label fields written by every entry of the labels field.</summary>
    public List<FieldSpec> Labels { get; } = [];

    /// <summary>Pod template label fields, written by labels entries with includeTemplates.</summary>
    public List<FieldSpec> TemplateLabels { get; } = [];

    public List<FieldSpec> Replicas { get; } = [];

    public void Merge(TransformerConfig other)
    {
        foreach (var reference in other.NameReferences)
        {
            if (!NameReferences.Contains(reference))
            {
                NameReferences.Add(reference);
            }
        }

        AddNew(CommonLabels, other.CommonLabels);
        AddNew(CommonAnnotations, other.CommonAnnotations);
        AddNew(Images, other.Images);
        AddNew(NamePrefix, other.NamePrefix);
        AddNew(NameSuffix, other.NameSuffix);
        AddNew(VarReferences, other.VarReferences);
        AddNew(Namespace, other.Namespace);
        AddNew(Replicas, other.Replicas);
        AddNew(TemplateLabels, other.TemplateLabels);
        AddNew(Labels, other.Labels);
    }

    private static void AddNew(List<FieldSpec> into, IEnumerable<FieldSpec> specs) =>
        into.AddRange(specs.Where(spec => !into.Contains(spec)).ToList());

    /// <summary>Reads a transformer configuration file; like kustomize, an unknown section fails.</summary>
    public static TransformerConfig Read(string text, string file)
    {
        var config = new TransformerConfig();
        var documents = NodeReader.Documents(text, file, lastKeyWins: true);
        if (documents.Count == 0)
        {
            return config;
        }

        var map = documents[0] as MapNode
            ?? throw new KustomizeBuildException($"{file}: error unmarshaling JSON: json: cannot unmarshal into Go value of type builtinconfig.TransformerConfig");
        foreach (var (key, value) in map.Fields)
        {
            switch (key)
            {
                case "nameReference":
                    config.NameReferences.AddRange(Items(value, file).Select(entry => new NameReference(
                        new Gvk(Text(entry, "group"), Text(entry, "version"), Text(entry, "kind")),
                        entry["fieldSpecs"] is { } specs ? Specs(specs, file, create: false) : [])));
                    break;
                case "commonLabels":
                    config.CommonLabels.AddRange(Specs(value, file, create: false));
                    break;
                case "commonAnnotations":
                    config.CommonAnnotations.AddRange(Specs(value, file, create: false));
                    break;
                case "images":
                    config.Images.AddRange(Specs(value, file, create: false));
                    break;
                case "namePrefix":
                    config.NamePrefix.AddRange(Specs(value, file, create: false));
                    break;
                case "nameSuffix":
                    config.NameSuffix.AddRange(Specs(value, file, create: false));
                    break;
                case "varReference":
                    config.VarReferences.AddRange(Specs(value, file, create: false));
                    break;
                case "namespace":
                    config.Namespace.AddRange(Specs(value, file, create: false));
                    break;
                case "replicas":
                    config.Replicas.AddRange(Specs(value, file, create: false));
                    break;
                case "templateLabels":
                    config.TemplateLabels.AddRange(Specs(value, file, create: false));
                    break;
                case "labels":
                    config.Labels.AddRange(Specs(value, file, create: false));
                    break;
                default:
                    throw new KustomizeBuildException($"{file}: error unmarshaling JSON: while decoding JSON: json: unknown field \"{key}\"");
            }
        }

        return config;
    }

    private static List<FieldSpec> Specs(Node value, string file, bool create) =>
        Items(value, file).Select(entry => new FieldSpec(
            new Gvk(Text(entry, "group"), Text(entry, "version"), Text(entry, "kind")),
            Text(entry, "path"),
            entry["create"] is ScalarNode { Value: bool flag } ? flag : create)).ToList();

    private static IEnumerable<MapNode> Items(Node value, string file) => value switch
    {
        ScalarNode { Value: null } => [],
        ListNode list => list.Items.Select(item => item as MapNode
            ?? throw new KustomizeBuildException($"{file}: json: cannot unmarshal a non-object into Go value of type types.FieldSpec")),
        _ => throw new KustomizeBuildException($"{file}: json: cannot unmarshal a non-list into Go value of type types.FsSlice"),
    };

    private static string Text(MapNode map, string key) => map[key] is ScalarNode { Value: { } value } ? value.ToString() ?? "" : "";
}
