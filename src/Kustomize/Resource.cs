namespace GitOpsHQ.Kustomize;

/// <summary>
/// One Kubernetes object in a build, with the ids it had before transformers renamed or moved it
/// (kustomize fixes references to those older names at the end).
/// </summary>
internal sealed class Resource(MapNode content)
{
    public MapNode Content { get; private set; } = content;

    /// <summary>True for generated objects whose name gets the content hash at the end of the build.</summary>
    public bool NeedsHash { get; set; }

    public ResourceId OriginalId { get; private set; }

    /// <summary>Where the resource came from, as the origin annotation text; null when origins are not tracked.</summary>
    public string? Origin { get; set; }

    /// <summary>The built-in transformers that ran over the resource, in order (tracked for buildMetadata).</summary>
    public List<Transformation> Transformations { get; } = [];

    /// <summary>The vars that read their value from this resource.</summary>
    public List<string> VarNames { get; } = [];

    public List<ResourceId> PreviousIds { get; } = [];

    /// <summary>The name prefixes and suffixes applied so far, innermost kustomization first.</summary>
    public List<string> Prefixes { get; } = [];

    public List<string> Suffixes { get; } = [];

    /// <summary>True when both resources got the same trailing run of prefixes and suffixes (kustomize's tie-break).</summary>
    public bool SameAffixes(Resource other) => SameEnding(Prefixes, other.Prefixes) && SameEnding(Suffixes, other.Suffixes);

    /// <summary>The lenient form of <see cref="SameAffixes"/>: prefixes (or suffixes) only compare when both resources have some.</summary>
    public bool SameAffixesWhereBothHave(Resource other) =>
        (Prefixes.Count == 0 || other.Prefixes.Count == 0 || SameEnding(Prefixes, other.Prefixes))
        && (Suffixes.Count == 0 || other.Suffixes.Count == 0 || SameEnding(Suffixes, other.Suffixes));

    private static bool SameEnding(List<string> a, List<string> b)
    {
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        if (shorter.Count == 0)
        {
            return longer.Count == 0;
        }

        var offset = longer.Count - shorter.Count;
        return shorter.Select((value, i) => value == longer[i + offset]).All(same => same);
    }

    // The last apiVersion and kind texts read and their Gvk: read often, they change rarely (a kind-changing patch).
    private (string? ApiVersion, string? Kind, Gvk Gvk) _gvk;

    public Gvk Gvk
    {
        get
        {
            var (apiVersion, kind) = (Content.Text("apiVersion"), Content.Text("kind"));
            if (!ReferenceEquals(apiVersion, _gvk.ApiVersion) || !ReferenceEquals(kind, _gvk.Kind) || _gvk.Gvk == default)
            {
                _gvk = (apiVersion, kind, Gvk.FromApiVersion(apiVersion, kind));
            }

            return _gvk.Gvk;
        }
    }

    public string Name => Content.Map("metadata")?.Text("name") ?? "";

    public string Namespace => Content.Map("metadata")?.Text("namespace") ?? "";

    public ResourceId CurrentId => new(Gvk, Name, Namespace);

    /// <summary>Every id the resource answers to: original, previous and current.</summary>
    public IEnumerable<ResourceId> AllIds => PreviousIds.Append(OriginalId).Append(CurrentId);

    public static Resource From(MapNode content, string file)
    {
        var resource = new Resource(content);
        if (content.Text("kind") is not { Length: > 0 })
        {
            throw new KustomizeBuildException($"{file}: missing Resource metadata: kind is required");
        }

        if (content.Map("metadata") is not { } metadata || metadata.Text("name") is not { Length: > 0 })
        {
            throw new KustomizeBuildException($"{file}: missing metadata.name in object {resource.Gvk}");
        }

        resource.OriginalId = resource.CurrentId;
        return resource;
    }

    public void StorePreviousId() => PreviousIds.Add(CurrentId);

    /// <summary>Takes another object's content, keeping this resource's ids and place in the build.</summary>
    public void ReplaceContent(MapNode content) => Content = content;

    /// <summary>
    /// kustomize rewrites annotations as a map of strings when it removes its own at the end: none
    /// left means no field, scalars become their text (a null the text it was written with) and maps or lists the
    /// empty string.
    /// </summary>
    public void RewriteAnnotations()
    {
        if (Content.Map("metadata") is not { } metadata)
        {
            return;
        }

        switch (metadata["annotations"])
        {
            case ScalarNode { Value: null } or MapNode { Fields.Count: 0 }:
                metadata.Fields.Remove("annotations");
                break;
            case MapNode annotations:
                foreach (var (key, value) in annotations.Fields.ToList())
                {
                    if (value is not ScalarNode { Value: string })
                    {
                        // A null keeps its text ("~", "null"; "" for none written).
                        annotations.Set(key, ScalarNode.Of(value switch
                        {
                            ScalarNode { Value: null } scalar => scalar.NullText ?? "",
                            ScalarNode scalar => FieldPath.ScalarText(scalar),
                            _ => "",
                        }));
                    }
                }

                break;
        }
    }

    public MapNode Metadata => Content.MapOrCreate("metadata");
}
