using System.Globalization;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Checks a kustomization's shape as kustomize decodes it (YAML read into JSON, then Go's strict JSON decoding into
/// its types.Kustomization) and refuses the first problem in its words: an unknown field
/// (<c>json: unknown field "x"</c>) or a value of the wrong kind
/// (<c>json: cannot unmarshal number into Go struct field Image.images.newTag of type string</c>). The first problem
/// is the first in the JSON text, whose keys are sorted at every level, so <c>commonLabels</c> is checked before
/// <c>namePrefix</c> whatever the file's order. Nulls are accepted everywhere, as Go leaves the field unset.
/// </summary>
internal static class KustomizationDecoding
{
    public static void Check(MapNode kustomization) => Decode(kustomization, Types.Kustomization, "Kustomization", "");

    /// <summary>The fields of types.Kustomization by their JSON names.</summary>
    public static IEnumerable<string> FieldNames => Types.Kustomization.Fields.Select(f => f.Name);

    private static void Decode(Node node, GoType type, string structName, string path)
    {
        if (node is ScalarNode { Value: null } || type is AnyType)
        {
            return;
        }

        switch (type)
        {
            case PointerType pointer:
                Decode(node, pointer.Element, structName, path);
                return;
            case ScalarType { Kind: ScalarKind.Text }:
                if (node is not ScalarNode { Value: string } written || IsBooleanWord(written))
                {
                    throw Mismatch(node, type, structName, path);
                }

                return;
            case ScalarType { Kind: ScalarKind.Flag }:
                if (node is not ScalarNode { Value: bool } && !(node is ScalarNode word && IsBooleanWord(word)))
                {
                    throw Mismatch(node, type, structName, path);
                }

                return;
            case ScalarType { Kind: ScalarKind.Integer }:
                switch (node)
                {
                    case ScalarNode { Value: long or int }:
                        return;
                    case ScalarNode { Value: double number }:
                        // YAML's 3.0 is JSON's 3, which fits; 2.5 does not, and Go names the number.
                        var text = GoYaml.GoFloat.Json(number);
                        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                        {
                            return;
                        }

                        throw Mismatch(node, type, structName, path, $"number {text}");
                    default:
                        throw Mismatch(node, type, structName, path);
                }

            case SliceType slice:
                if (node is not ListNode list)
                {
                    throw Mismatch(node, type, structName, path);
                }

                foreach (var item in list.Items)
                {
                    Decode(item, slice.Element, structName, path);
                }

                return;
            case MapType map:
                if (node is not MapNode entries)
                {
                    throw Mismatch(node, type, structName, path);
                }

                foreach (var (_, value) in Sorted(entries))
                {
                    Decode(value, map.Value, structName, path);
                }

                return;
            case StructType @struct:
                if (node is not MapNode fields)
                {
                    throw Mismatch(node, type, structName, path);
                }

                foreach (var (key, value) in Sorted(fields))
                {
                    var field = @struct.Field(key)
                        ?? throw new KustomizeBuildException($"invalid Kustomization: json: unknown field \"{key}\"");
                    Decode(value, field.Type, @struct.ShortName, path.Length == 0 ? field.Name : $"{path}.{field.Name}");
                }

                return;
        }
    }

    // JSON's order: Go writes a map's keys sorted by their bytes.
    private static IEnumerable<KeyValuePair<string, Node>> Sorted(MapNode map) =>
        map.Fields.OrderBy(pair => pair.Key, StringComparer.Ordinal);

    private static KustomizeBuildException Mismatch(Node node, GoType type, string structName, string path, string? value = null) =>
        new($"invalid Kustomization: json: cannot unmarshal {value ?? JsonKind(node)} into Go struct field {structName}.{path} of type {type.Name}");

    // Kubernetes' YAML reader resolves YAML 1.1 words: an unquoted yes, on, n or Off is a boolean to it.
    private static readonly HashSet<string> BooleanWords = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF",
    };

    /// <summary>A kustomization's boolean as kustomize reads it: true, or an unquoted YAML 1.1 word for it (yes, y, on in any of their cases).</summary>
    public static bool IsTrue(Node? value) =>
        value is ScalarNode { Value: true } or ScalarNode { IsPlain: true, Value: "y" or "Y" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" };

    private static bool IsBooleanWord(ScalarNode scalar) => scalar is { IsPlain: true, Value: string word } && BooleanWords.Contains(word);

    private static string JsonKind(Node node) => node switch
    {
        MapNode => "object",
        ListNode => "array",
        ScalarNode scalar when IsBooleanWord(scalar) => "bool",
        ScalarNode { Value: string } => "string",
        ScalarNode { Value: bool } => "bool",
        _ => "number",
    };

    private enum ScalarKind
    {
        Text,
        Flag,
        Integer,
    }

    private abstract record GoType(string Name);

    private sealed record ScalarType(string Name, ScalarKind Kind) : GoType(Name);

    private sealed record AnyType() : GoType("interface {}");

    private sealed record PointerType(GoType Element) : GoType(Element.Name);

    private sealed record SliceType(GoType Element) : GoType("[]" + (Element is PointerType ? "*" : "") + Element.Name);

    private sealed record MapType(GoType Value) : GoType("map[string]" + Value.Name);

    private sealed record Field(string Name, GoType Type);

    // A struct with its JSON fields (those of inline structs included); a key names a field exactly, else ignoring case.
    private sealed record StructType(string ShortName, string Package, IReadOnlyList<Field> Fields) : GoType(Package + "." + ShortName)
    {
        public Field? Field(string key) =>
            Fields.FirstOrDefault(f => f.Name == key) ?? Fields.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase));
    }

    // kustomize's types (api v0.18, kustomize v5.5), as far as decoding sees them.
    private static class Types
    {
        private static readonly ScalarType Text = new("string", ScalarKind.Text);
        private static readonly ScalarType Flag = new("bool", ScalarKind.Flag);
        private static readonly SliceType Texts = new(Text);
        private static readonly MapType TextMap = new(Text);

        private static StructType Struct(string name, params (string Name, GoType Type)[] fields) =>
            new(name, "types", [.. fields.Select(f => new Field(f.Name, f.Type))]);

        private static readonly (string, GoType)[] Gvk = [("group", Text), ("version", Text), ("kind", Text)];
        private static readonly (string, GoType)[] ResId = [.. Gvk, ("name", Text), ("namespace", Text)];

        private static readonly StructType Selector = Struct("Selector", [.. ResId, ("annotationSelector", Text), ("labelSelector", Text)]);
        private static readonly StructType FieldSpec = Struct("FieldSpec", [.. Gvk, ("path", Text), ("create", Flag)]);
        private static readonly StructType FieldOptions = Struct("FieldOptions",
            ("delimiter", Text), ("index", new ScalarType("int", ScalarKind.Integer)), ("encoding", Text), ("create", Flag));

        private static readonly StructType GeneratorOptions = Struct("GeneratorOptions",
            ("labels", TextMap), ("annotations", TextMap), ("disableNameSuffixHash", Flag), ("immutable", Flag));

        private static readonly (string, GoType)[] GeneratorArgs =
        [
            ("namespace", Text), ("name", Text), ("behavior", Text),
            ("literals", Texts), ("files", Texts), ("envs", Texts), ("env", Text),
            ("options", new PointerType(GeneratorOptions)),
        ];

        private static readonly StructType Patch = Struct("Patch",
            ("path", Text), ("patch", Text), ("target", new PointerType(Selector)), ("options", new MapType(Flag)));

        private static readonly StructType Image = Struct("Image",
            ("name", Text), ("newName", Text), ("tagSuffix", Text), ("newTag", Text), ("digest", Text));

        private static readonly StructType ReplacementField = Struct("ReplacementField",
            ("source", new PointerType(Struct("SourceSelector", [.. ResId, ("fieldPath", Text), ("options", new PointerType(FieldOptions))]))),
            ("targets", new SliceType(new PointerType(Struct("TargetSelector",
                ("select", new PointerType(Selector)), ("reject", new SliceType(new PointerType(Selector))),
                ("fieldPaths", Texts), ("options", new PointerType(FieldOptions)))))),
            ("path", Text));

        private static readonly StructType Var = Struct("Var",
            ("name", Text),
            ("objref", Struct("Target", [("apiVersion", Text), .. Gvk, ("name", Text), ("namespace", Text)])),
            ("fieldref", Struct("FieldSelector", ("fieldPath", Text))));

        private static readonly StructType HelmChart = Struct("HelmChart",
            ("name", Text), ("version", Text), ("repo", Text), ("releaseName", Text), ("namespace", Text),
            ("additionalValuesFiles", Texts), ("valuesFile", Text), ("valuesInline", new MapType(new AnyType())), ("valuesMerge", Text),
            ("includeCRDs", Flag), ("skipHooks", Flag), ("apiVersions", Texts), ("kubeVersion", Text), ("nameTemplate", Text),
            ("skipTests", Flag), ("debug", Flag));

        private static readonly StructType HelmChartArgs = Struct("HelmChartArgs",
            ("chartName", Text), ("chartVersion", Text), ("chartRepoUrl", Text), ("chartHome", Text), ("chartRepoName", Text),
            ("helmBin", Text), ("helmHome", Text), ("values", Text), ("valuesLocal", new MapType(new AnyType())), ("valuesMerge", Text),
            ("releaseName", Text), ("releaseNamespace", Text), ("extraArgs", Texts));

        public static readonly StructType Kustomization = Struct("Kustomization",
            ("kind", Text), ("apiVersion", Text),
            ("metadata", new PointerType(Struct("ObjectMeta", ("name", Text), ("namespace", Text), ("labels", TextMap), ("annotations", TextMap)))),
            ("openapi", TextMap), ("namePrefix", Text), ("nameSuffix", Text), ("namespace", Text), ("commonLabels", TextMap),
            ("labels", new SliceType(Struct("Label",
                ("pairs", TextMap), ("includeSelectors", Flag), ("includeTemplates", Flag), ("fields", new SliceType(FieldSpec))))),
            ("commonAnnotations", TextMap),
            ("patchesStrategicMerge", new SliceType(new ScalarType("types.PatchStrategicMerge", ScalarKind.Text))),
            ("patchesJson6902", new SliceType(Patch)), ("patches", new SliceType(Patch)),
            ("images", new SliceType(Image)), ("imageTags", new SliceType(Image)),
            ("replacements", new SliceType(ReplacementField)),
            ("replicas", new SliceType(Struct("Replica", ("name", Text), ("count", new ScalarType("int64", ScalarKind.Integer))))),
            ("vars", new SliceType(Var)),
            ("sortOptions", new PointerType(Struct("SortOptions",
                ("order", new ScalarType("types.SortOrder", ScalarKind.Text)),
                ("legacySortOptions", new PointerType(Struct("LegacySortOptions", ("orderFirst", Texts), ("orderLast", Texts))))))),
            ("resources", Texts), ("components", Texts), ("crds", Texts), ("bases", Texts),
            ("configMapGenerator", new SliceType(Struct("ConfigMapArgs", GeneratorArgs))),
            ("secretGenerator", new SliceType(Struct("SecretArgs", [.. GeneratorArgs, ("type", Text)]))),
            ("helmGlobals", new PointerType(Struct("HelmGlobals", ("chartHome", Text), ("configHome", Text)))),
            ("helmCharts", new SliceType(HelmChart)), ("helmChartInflationGenerator", new SliceType(HelmChartArgs)),
            ("generatorOptions", new PointerType(GeneratorOptions)),
            ("configurations", Texts), ("generators", Texts), ("transformers", Texts), ("validators", Texts), ("buildMetadata", Texts));
    }
}
