namespace GitOpsHQ.Kustomize;

/// <summary>How a generated object meets one of the same id from the resources: added, merged into it, or replacing its data.</summary>
internal enum GeneratorBehavior
{
    Create,
    Merge,
    Replace,
}

/// <summary>The options of a generator, or the generatorOptions every generator of a kustomization starts from.</summary>
internal sealed record GeneratorOptions(
    IReadOnlyList<KeyValuePair<string, string>> Labels,
    IReadOnlyList<KeyValuePair<string, string>> Annotations,
    bool DisableNameSuffixHash,
    bool Immutable)
{
    public static readonly GeneratorOptions None = new([], [], false, false);

    /// <summary>
    /// The options a generator builds with under the kustomization's generatorOptions: labels and
    /// annotations of both, the generator's own winning; a flag set in either is set.
    /// </summary>
    public GeneratorOptions Under(GeneratorOptions global) => new(
        Union(global.Labels, Labels),
        Union(global.Annotations, Annotations),
        DisableNameSuffixHash || global.DisableNameSuffixHash,
        Immutable || global.Immutable);

    private static List<KeyValuePair<string, string>> Union(
        IReadOnlyList<KeyValuePair<string, string>> below, IReadOnlyList<KeyValuePair<string, string>> above)
    {
        var result = below.Where(pair => above.All(a => a.Key != pair.Key)).ToList();
        result.AddRange(above);
        return result;
    }
}

/// <summary>One entry of configMapGenerator or secretGenerator.</summary>
internal sealed class GeneratorArgs(string kind)
{
    /// <summary>"ConfigMap" or "Secret".</summary>
    public string Kind { get; } = kind;

    public string Name { get; set; } = "";

    public string Namespace { get; set; } = "";

    public GeneratorBehavior Behavior { get; set; }

    public List<string> Literals { get; } = [];

    public List<string> Files { get; } = [];

    public List<string> Envs { get; } = [];

    public GeneratorOptions Options { get; set; } = GeneratorOptions.None;

    /// <summary>The type of a generated Secret ("Opaque" when not given).</summary>
    public string Type { get; set; } = "";
}
