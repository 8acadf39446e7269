namespace GitOpsHQ.Kustomize;

/// <summary>The fields a kustomization may have; kustomize refuses a file with any other.</summary>
public static class KustomizationFields
{
    public static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "apiVersion", "kind", "metadata", "openapi", "namePrefix", "nameSuffix", "namespace", "commonLabels", "labels",
        "commonAnnotations", "patches", "patchesStrategicMerge", "patchesJson6902", "images", "imageTags", "replacements",
        "replicas", "vars", "sortOptions", "resources", "components", "crds", "bases", "configMapGenerator",
        "secretGenerator", "generatorOptions", "helmGlobals", "helmCharts", "helmChartInflationGenerator",
        "configurations", "generators", "transformers", "validators", "buildMetadata",
    };
}
