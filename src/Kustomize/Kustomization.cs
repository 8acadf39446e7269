namespace GitOpsHQ.Kustomize;

/// <summary>An image override of the images field.</summary>
internal sealed record ImageOverride(string Name, string? NewName, string? NewTag, string? Digest);

/// <summary>A replica count of the replicas field.</summary>
internal sealed record ReplicaOverride(string Name, long Count);

/// <summary>An entry of the labels field; <paramref name="Fields"/> are further fields the pairs go to.</summary>
internal sealed record LabelSet(IReadOnlyList<KeyValuePair<string, string>> Pairs, bool IncludeSelectors, bool IncludeTemplates, IReadOnlyList<FieldSpec> Fields);

/// <summary>The sortOptions field (honoured at the root only, like kustomize).</summary>
internal sealed record SortOptions(bool Legacy, IReadOnlyList<string>? OrderFirst, IReadOnlyList<string>? OrderLast);

/// <summary>The fields of a kustomization file this engine builds with.</summary>
internal sealed class Kustomization
{
    /// <summary>True for a file of kind Component: it can only be included through a components field.</summary>
    public bool IsComponent { get; set; }

    public List<string> Resources { get; } = [];

    /// <summary>The deprecated bases field, added after the resources.</summary>
    public List<string> Bases { get; } = [];

    /// <summary>The deprecated imageTags field, applied after the images.</summary>
    public List<ImageOverride> ImageTags { get; } = [];

    /// <summary>Component directories, applied in order after the resources.</summary>
    public List<string> Components { get; } = [];

    public string? Namespace { get; set; }

    public string NamePrefix { get; set; } = "";

    public string NameSuffix { get; set; } = "";

    public List<KeyValuePair<string, string>> CommonLabels { get; } = [];

    public List<LabelSet> Labels { get; } = [];

    public List<KeyValuePair<string, string>> CommonAnnotations { get; } = [];

    public List<ImageOverride> Images { get; } = [];

    public List<ReplicaOverride> Replicas { get; } = [];

    public SortOptions? SortOptions { get; set; }

    public List<GeneratorArgs> ConfigMapGenerators { get; } = [];

    public List<GeneratorArgs> SecretGenerators { get; } = [];

    public GeneratorOptions GeneratorOptions { get; set; } = GeneratorOptions.None;

    public List<PatchEntry> Patches { get; } = [];

    /// <summary>The deprecated patchesStrategicMerge field: patch file paths or inline patches, applied first.</summary>
    public List<string> LegacyStrategicMergePatches { get; } = [];

    /// <summary>The replacements field: inline replacements and files of them, in order.</summary>
    public List<ReplacementEntry> Replacements { get; } = [];

    /// <summary>The path of the openapi field: a custom schema file giving list merge keys.</summary>
    public string? OpenApiPath { get; set; }

    /// <summary>Whether the kustomization has an openapi field (a schema file or a built-in version).</summary>
    public bool OpenApiDeclared { get; set; }

    /// <summary>The crds field: OpenAPI definition files of custom kinds.</summary>
    public List<string> Crds { get; } = [];

    /// <summary>The configurations field: transformer configuration files.</summary>
    public List<string> Configurations { get; } = [];

    /// <summary>The buildMetadata field (only the built kustomization's counts).</summary>
    public List<string> BuildMetadata { get; } = [];

    /// <summary>The transformers field: files of built-in transformer configurations, or inline ones, run after the other fields.</summary>
    public List<string> Transformers { get; } = [];

    /// <summary>The generators field: configurations of built-in generators (files, inline, or kustomization directories).</summary>
    public List<string> Generators { get; } = [];

    /// <summary>The deprecated vars field.</summary>
    public List<Var> Vars { get; } = [];

    /// <summary>The deprecated patchesJson6902 field, applied later in the chain than patches.</summary>
    public List<PatchEntry> LegacyJsonPatches { get; } = [];
}
