namespace GitOpsHQ.Kustomize;

/// <summary>
/// Reads a kustomization file into a <see cref="Kustomization"/> the way kustomize decodes it
/// (field names ignore case, unknown fields fail), refusing the fields this engine does
/// not build yet.
/// </summary>
internal static class KustomizationReader
{
    private static readonly HashSet<string> Unsupported = new(StringComparer.Ordinal)
    {
        "helmGlobals",
        "helmCharts", "helmChartInflationGenerator", "validators",
    };

    /// <summary>
    /// Empty as kustomize sees it: every field at its zero value once apiVersion and kind are defaulted — a null, "",
    /// false or 0 (an empty list or map is a value).
    /// </summary>
    private static bool IsEmpty(MapNode map) => map.Fields.All(pair =>
        pair.Key is "apiVersion" || (pair.Key == "kind" && pair.Value is ScalarNode { Value: "Kustomization" or null or "" }) ||
        pair.Value is ScalarNode { Value: null or "" or false or 0 or 0L or 0.0 });

    public static Kustomization Read(string file, string text)
    {
        var documents = NodeReader.Documents(text, file, lastKeyWins: true);
        if (documents.Count > 1)
        {
            throw new KustomizeBuildException($"{file}: a kustomization file must hold a single YAML document");
        }

        var map = documents.Count == 0 ? new MapNode() : documents[0] as MapNode
            ?? throw new KustomizeBuildException($"{file}: json: cannot unmarshal into Go value of type types.Kustomization: not a map");
        KustomizationDecoding.Check(map);
        if (IsEmpty(map))
        {
            // kustomize's words, whatever the file is called.
            throw new KustomizeBuildException("kustomization.yaml is empty");
        }
        var result = new Kustomization();
        foreach (var (field, value) in FieldReader.GoFields(map, KustomizationFields.Known).Fields)
        {
            if (Unsupported.Contains(field))
            {
                throw KustomizeBuildException.NotSupported(field);
            }

            Field(result, field, value, file);
        }

        var apiVersion = map.Fields.FirstOrDefault(pair => string.Equals(pair.Key, "apiVersion", StringComparison.OrdinalIgnoreCase)).Value;
        if (new FieldReader(file, "apiVersion").Text(apiVersion) is { Length: > 0 } version)
        {
            var (kind, expected) = result.IsComponent ? ("Component", "kustomize.config.k8s.io/v1alpha1") : ("Kustomization", "kustomize.config.k8s.io/v1beta1");
            if (version != expected)
            {
                throw new KustomizeBuildException($"Failed to read kustomization file under {file}:\napiVersion for {kind} should be {expected}");
            }
        }

        // Like kustomize, the deprecated bases and imageTags fields join the end of resources and images.
        result.Resources.AddRange(result.Bases);
        result.Images.AddRange(result.ImageTags);
        return result;
    }

    private static void Field(Kustomization k, string field, Node value, string file)
    {
        var reader = new FieldReader(file, field);
        switch (field)
        {
            case "apiVersion" or "metadata":
                break;
            case "kind":
                var kind = reader.Text(value);
                k.IsComponent = kind == "Component";
                if (kind is not (null or "" or "Kustomization" or "Component"))
                {
                    throw new KustomizeBuildException($"{file}: kind should be Kustomization, not '{kind}'");
                }

                break;
            case "resources":
                k.Resources.AddRange(reader.Strings(value));
                break;
            case "bases":
                k.Bases.AddRange(reader.Strings(value));
                break;
            case "imageTags":
                k.ImageTags.AddRange(reader.Maps(value).Select(reader.Image));
                break;
            case "components":
                k.Components.AddRange(reader.Strings(value));
                break;
            case "namespace":
                k.Namespace = reader.Text(value);
                break;
            case "namePrefix":
                k.NamePrefix = reader.Text(value) ?? "";
                break;
            case "nameSuffix":
                k.NameSuffix = reader.Text(value) ?? "";
                break;
            case "commonLabels":
                k.CommonLabels.AddRange(reader.StringMap(value));
                break;
            case "commonAnnotations":
                k.CommonAnnotations.AddRange(reader.StringMap(value));
                break;
            case "labels":
                k.Labels.AddRange(reader.Maps(value).Select(reader.LabelSet));
                break;
            case "images":
                k.Images.AddRange(reader.Maps(value).Select(reader.Image));
                break;
            case "replicas":
                k.Replicas.AddRange(reader.Maps(value).Select(reader.Replica));
                break;
            case "sortOptions":
                k.SortOptions = reader.SortOptions(value);
                break;
            case "configMapGenerator":
                k.ConfigMapGenerators.AddRange(reader.Maps(value).Select(entry => GeneratorReader.Generator(reader, entry, "ConfigMap")));
                break;
            case "secretGenerator":
                k.SecretGenerators.AddRange(reader.Maps(value).Select(entry => GeneratorReader.Generator(reader, entry, "Secret")));
                break;
            case "patches":
                k.Patches.AddRange(reader.Maps(value).Select(entry => PatchFieldReader.Entry(reader, entry, legacy: false)));
                break;
            case "transformers":
                k.Transformers.AddRange(reader.Strings(value));
                break;
            case "generators":
                k.Generators.AddRange(reader.Strings(value));
                break;
            case "patchesStrategicMerge":
                k.LegacyStrategicMergePatches.AddRange(reader.Strings(value));
                break;
            case "patchesJson6902":
                k.LegacyJsonPatches.AddRange(reader.Maps(value).Select(entry => PatchFieldReader.Entry(reader, entry, legacy: true)));
                break;
            case "replacements":
                k.Replacements.AddRange(reader.Maps(value).Select(entry => ReplacementReader.Entry(reader, entry)));
                break;
            case "vars":
                k.Vars.AddRange(reader.Maps(value).Select(entry => VarReader.Read(reader, entry)));
                break;
            case "buildMetadata":
                k.BuildMetadata.AddRange(reader.Strings(value));
                break;
            case "crds":
                k.Crds.AddRange(reader.Strings(value));
                break;
            case "configurations":
                k.Configurations.AddRange(reader.Strings(value));
                break;
            case "openapi":
                var openapi = reader.StringMap(value).ToList();
                if (openapi.FirstOrDefault(pair => pair.Key is not ("path" or "version")) is { Key: { } other })
                {
                    throw KustomizeBuildException.NotSupported($"openapi.{other}");
                }

                k.OpenApiPath = openapi.FirstOrDefault(pair => pair.Key == "path").Value;
                k.OpenApiDeclared = openapi.Any(pair => pair.Key is "path" or "version");

                // The version names one of kustomize's compiled-in schemas: only v1.21.2, which this engine's merge rules follow.
                if (openapi.Any(pair => pair.Key == "version") && k.OpenApiPath is not null)
                {
                    throw new KustomizeBuildException("builtin version and custom schema provided, cannot use both");
                }

                if (openapi.FirstOrDefault(pair => pair.Key == "version").Value is { Length: > 0 } builtin && builtin != "v1.21.2")
                {
                    throw new KustomizeBuildException("the specified OpenAPI version is not built in");
                }
                break;
            case "generatorOptions":
                k.GeneratorOptions = GeneratorReader.Options(reader, value);
                break;
        }
    }
}
