namespace GitOpsHQ.Kustomize;

/// <summary>
/// kustomize's registry of built-in plugins (<c>apiVersion: builtin</c>) as a generators or transformers entry names
/// them: a kind outside it cannot be loaded, and a generator where a transformer is wanted (or the reverse) is refused,
/// in kustomize's words.
/// </summary>
internal static class BuiltinPlugins
{
    private static readonly HashSet<string> Registry = new(StringComparer.Ordinal)
    {
        "AnnotationsTransformer", "ConfigMapGenerator", "HashTransformer", "HelmChartInflationGenerator", "IAMPolicyGenerator",
        "ImageTagTransformer", "LabelTransformer", "NamespaceTransformer", "PatchJson6902Transformer",
        "PatchStrategicMergeTransformer", "PatchTransformer", "PrefixSuffixTransformer", "PrefixTransformer",
        "SuffixTransformer", "ReplacementTransformer", "ReplicaCountTransformer", "SecretGenerator", "ValueAddTransformer",
    };

    /// <summary>
    /// kustomize's refusal of a built-in plugin entry that it cannot load in that role; null when kustomize loads it
    /// (or when it is not a built-in one).
    /// </summary>
    public static KustomizeBuildException? Refusal(MapNode config, bool generator)
    {
        if (config.Text("apiVersion") != "builtin")
        {
            return null;
        }

        var kind = config.Text("kind") ?? "";
        var loading = generator ? "loading generator plugins: failed to load generator: " : "";
        if (!Registry.Contains(kind))
        {
            return new KustomizeBuildException($"{loading}unable to load builtin {kind}.builtin.[noGrp]");
        }

        if (kind.EndsWith("Generator", StringComparison.Ordinal) != generator)
        {
            var metadata = config.Map("metadata");
            var name = metadata?.Text("name") ?? "";
            var ns = metadata?.Text("namespace") is { Length: > 0 } given ? given : "[noNs]";
            return new KustomizeBuildException($"{loading}plugin {kind}.builtin.[noGrp]/{name}.{ns} not a {(generator ? "generator" : "transformer")}");
        }

        return null;
    }
}
