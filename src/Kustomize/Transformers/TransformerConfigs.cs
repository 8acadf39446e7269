using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The transformers field: configurations of kustomize's built-in transformers (apiVersion builtin), read from
/// files relative to the kustomization or written inline, each run with exactly the field specs it names.
/// </summary>
internal static class TransformerConfigs
{
    private static readonly string[] Kinds =
    [
        "PrefixSuffixTransformer", "PrefixTransformer", "SuffixTransformer", "LabelTransformer", "AnnotationsTransformer",
        "NamespaceTransformer", "ImageTagTransformer", "ReplicaCountTransformer", "PatchTransformer",
        "PatchStrategicMergeTransformer", "PatchJson6902Transformer", "ReplacementTransformer", ValueAddTransformer.Kind,
    ];

    /// <summary>The transformers of the entries, in order, each as a step over the resources.</summary>
    public static List<(Action<ResourceMap> Step, MapNode Config, string? ConfiguredIn)> Load(
        IEnumerable<string> entries, FileSet files, string directory, Func<string, ResourceMap> build) =>
        PluginConfigs.Load(entries, files, directory, build)
            .Select(config => (Step(config.Config, config.ConfiguredIn ?? "transformers", files, directory), config.Config, config.ConfiguredIn))
            .ToList();

    // A plugin's labels or annotations may be numbers or booleans: kustomize takes them as their text.
    private static Node? ScalarsAsText(Node? node)
    {
        if (node is not MapNode map)
        {
            return node;
        }

        var copy = new MapNode();
        foreach (var (key, value) in map.Fields)
        {
            copy.Set(key, value is ScalarNode { Value: not (null or string) } scalar ? ScalarNode.Of(FieldPath.ScalarText(scalar)) : value);
        }

        return copy;
    }

    // A plugin's configuration is decoded leniently: fields a field spec does not have are ignored.
    private static MapNode KnownFieldSpecFields(MapNode spec)
    {
        var known = new MapNode();
        foreach (var (key, value) in spec.Fields)
        {
            if (key is "path" or "group" or "version" or "kind" or "create")
            {
                known.Set(key, value);
            }
        }

        return known;
    }

    private static Action<ResourceMap> Step(MapNode config, string source, FileSet files, string directory)
    {
        var kind = config.Text("kind") ?? "";
        if (BuiltinPlugins.Refusal(config, generator: false) is { } refused)
        {
            throw refused;
        }

        if (config.Text("apiVersion") != "builtin" || !Kinds.Contains(kind))
        {
            throw KustomizeBuildException.NotSupported($"transformer plugins other than the built-in ones ({config.Text("apiVersion")}/{kind})");
        }

        var reader = new FieldReader(source, kind);
        var specs = config["fieldSpecs"] is { } list and not ScalarNode { Value: null }
            ? reader.Maps(list).Select(spec => reader.FieldSpecOf(KnownFieldSpecFields(spec))).ToList()
            : [];
        switch (kind)
        {
            case "PrefixSuffixTransformer":
                var before = config.Text("prefix") ?? "";
                var after = config.Text("suffix") ?? "";
                return resources =>
                {
                    // The legacy transformer adds both affixes at once.
                    if (before.Length > 0)
                    {
                        new NamePrefixTransformer(before, prefix: true, specs, nameByDefault: false).Transform(resources);
                    }

                    if (after.Length > 0)
                    {
                        new NamePrefixTransformer(after, prefix: false, specs, nameByDefault: false).Transform(resources);
                    }
                };
            case "PrefixTransformer":
                var prefix = config.Text("prefix") ?? "";
                return resources => new NamePrefixTransformer(prefix, prefix: true, specs, nameByDefault: false).Transform(resources);
            case "SuffixTransformer":
                var suffix = config.Text("suffix") ?? "";
                return resources => new NamePrefixTransformer(suffix, prefix: false, specs, nameByDefault: false).Transform(resources);
            case "LabelTransformer":
                var labels = reader.StringMap(ScalarsAsText(config["labels"])).ToList();
                return resources => new LabelTransformer(labels, specs).Transform(resources);
            case "ReplacementTransformer":
                var replacements = ReplacementReader.Resolve(
                    config["replacements"] is { } entries ? reader.Maps(entries).Select(entry => ReplacementReader.Entry(reader, entry)).ToList() : [],
                    files, directory);
                return resources => new ReplacementTransformer(replacements).Transform(resources);
            case ValueAddTransformer.Kind:
                return ValueAddTransformer.Configured(config, files, directory).Transform;
            case "AnnotationsTransformer":
                var annotations = reader.StringMap(ScalarsAsText(config["annotations"])).ToList();
                return resources => new LabelTransformer(annotations, specs).Transform(resources);
            case "NamespaceTransformer":
                var ns = config.Map("metadata")?.Text("namespace") ?? "";
                var subjects = config.Text("setRoleBindingSubjects") switch
                {
                    null or "" or "defaultOnly" => RoleBindingSubjects.DefaultOnly,
                    "allServiceAccounts" => RoleBindingSubjects.AllServiceAccounts,
                    "none" => RoleBindingSubjects.None,
                    var other => throw new KustomizeBuildException(
                        $"invalid value \"{other}\" for setRoleBindingSubjects: must be one of \"defaultOnly\", \"none\" or \"allServiceAccounts\""),
                };
                var unsetOnly = config["unsetOnly"] is ScalarNode { Value: true };
                return resources =>
                {
                    if (ns.Length > 0)
                    {
                        new NamespaceTransformer(ns, specs, subjects, unsetOnly, withDefaults: false).Transform(resources);
                    }
                };
            case "ImageTagTransformer":
                var image = reader.Image(config.Map("imageTag") ?? new MapNode());
                return resources => new ImageTransformer(image, specs).Transform(resources);
            case "ReplicaCountTransformer":
                var replica = reader.Replica(config.Map("replica") ?? new MapNode());
                return resources => new ReplicaTransformer(replica, specs, withDefaults: false).Transform(resources);
            case "PatchTransformer":
                var patch = JsonPatch.Load(PatchFieldReader.Entry(reader, Without(config, "path", "patch", "target", "options"), legacy: false), files, directory);
                return patch.Transform;
            case "PatchJson6902Transformer":
                var fields = Without(config, "path", "target");
                if (config["jsonOp"] is { } op)
                {
                    fields.Set("patch", op);
                }

                var json = JsonPatch.Load(PatchFieldReader.Entry(reader, fields, legacy: true), files, directory);
                return json.Transform;
            default: // PatchStrategicMergeTransformer
                var patches = new List<IResourcePatch>();
                foreach (var path in config["paths"] is { } paths ? reader.Strings(paths) : [])
                {
                    patches.Add(LegacyStrategicMerge.Load(path, files, directory));
                }

                if (config.Text("patches") is { Length: > 0 } inline)
                {
                    patches.Add(LegacyStrategicMerge.Load(inline.Contains('\n', StringComparison.Ordinal) ? inline : inline + "\n", files, directory));
                }

                return resources => patches.ForEach(p => p.Transform(resources));
        }
    }

    /// <summary>The named fields of a configuration (its apiVersion, kind and metadata left out).</summary>
    private static MapNode Without(MapNode config, params string[] keep)
    {
        var map = new MapNode();
        foreach (var (key, value) in config.Fields.Where(pair => keep.Contains(pair.Key)))
        {
            map.Set(key, value);
        }

        return map;
    }
}
