using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Validation;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Kustomize.Bases;

/// <summary>
/// Collects every path a kustomization refers to, field by field. Fields of the wrong shape
/// are reported against the kustomization file; inline content (patches, replacements,
/// plugin configs written in place) refers to nothing.
/// </summary>
internal sealed class KustomizationReader(string file, ValidationReport report)
{
    private readonly List<Reference> _references = [];

    public IReadOnlyList<Reference> References(YamlMappingNode kustomization)
    {
        Paths(kustomization, "resources", ReferenceKind.Resource);
        if (kustomization.KeyOf("bases") is { } bases)
        {
            report.Warning(file, bases, "bases is deprecated; list these directories under resources instead.");
            Paths(kustomization, "bases", ReferenceKind.Resource);
        }

        Paths(kustomization, "components", ReferenceKind.Component);
        Paths(kustomization, "crds", ReferenceKind.ResourceFile);
        PathFields(kustomization, "patches", "patch", requireTarget: false);
        StrategicMergePatches(kustomization);
        PathFields(kustomization, "patchesJson6902", "patch", requireTarget: true);
        PathFields(kustomization, "replacements", "source", requireTarget: false);
        Generators(kustomization, "configMapGenerator");
        Generators(kustomization, "secretGenerator");
        OpenApi(kustomization);
        foreach (var field in (string[])["generators", "transformers", "validators"])
        {
            PluginConfigs(kustomization, field);
        }

        return _references;
    }

    private void Paths(YamlMappingNode map, string field, ReferenceKind kind)
    {
        foreach (var (item, label) in Items(map, field))
        {
            if (Text(item) is { } path)
            {
                Add(label, path, kind, item);
            }
            else
            {
                report.Error(file, item, $"{label} must be a path, not {item.Describe()}.");
            }
        }
    }

    // patches, patchesJson6902 and replacements: maps with a path, or with the content inline.
    private void PathFields(YamlMappingNode map, string field, string inlineKey, bool requireTarget)
    {
        if (field == "patchesJson6902" && map.KeyOf(field) is { } key)
        {
            report.Warning(file, key, "patchesJson6902 is deprecated; list these patches under patches (with a target) instead.");
        }

        foreach (var (item, label) in Items(map, field))
        {
            if (item is not YamlMappingNode entry)
            {
                report.Error(file, item, $"{label} must be a map with path (or inline {inlineKey}), not {item.Describe()}.");
                continue;
            }

            if (requireTarget && entry.Get("target") is not YamlMappingNode)
            {
                report.Error(file, entry, $"{label} needs a target (the group, version, kind and name it patches).");
            }

            if (Text(entry.Get("path")) is { } path)
            {
                Add($"{label}.path", path, ReferenceKind.File, entry.Get("path")!);
            }
            else if (entry.Get(inlineKey) is null && !(field == "replacements" && entry.Get("targets") is not null))
            {
                report.Error(file, entry, $"{label} needs a path to a file or an inline {inlineKey}.");
            }
        }
    }

    private void StrategicMergePatches(YamlMappingNode map)
    {
        if (map.KeyOf("patchesStrategicMerge") is { } key)
        {
            report.Warning(file, key, "patchesStrategicMerge is deprecated; list these patches under patches instead.");
        }

        foreach (var (item, label) in Items(map, "patchesStrategicMerge"))
        {
            // An entry is a path, or a whole patch written inline as a multi-line string.
            if (Text(item) is { } text && !text.Contains('\n'))
            {
                Add(label, text, ReferenceKind.File, item);
            }
            else if (Text(item) is null)
            {
                report.Error(file, item, $"{label} must be a path or an inline patch, not {item.Describe()}.");
            }
        }
    }

    private void Generators(YamlMappingNode map, string field)
    {
        foreach (var (item, label) in Items(map, field))
        {
            if (item is not YamlMappingNode generator)
            {
                report.Error(file, item, $"{label} must be a map (name, files, envs, literals), not {item.Describe()}.");
                continue;
            }

            foreach (var (source, sourceLabel) in Items(generator, "files", $"{label}."))
            {
                // "key=path" names the data key; the path is what follows the first '='.
                if (Text(source) is { } entry)
                {
                    Add(sourceLabel, entry.Contains('=') ? entry[(entry.IndexOf('=') + 1)..] : entry, ReferenceKind.File, source);
                }
            }

            Paths(generator, "envs", ReferenceKind.File, $"{label}.");
            if (generator.Get("env") is { } env && Text(env) is { } envPath)
            {
                Add($"{label}.env", envPath, ReferenceKind.File, env);
            }
        }
    }

    private void Paths(YamlMappingNode map, string field, ReferenceKind kind, string prefix)
    {
        foreach (var (item, label) in Items(map, field, prefix))
        {
            if (Text(item) is { } path)
            {
                Add(label, path, kind, item);
            }
        }
    }

    private void OpenApi(YamlMappingNode map)
    {
        if (map.Get("openapi") is YamlMappingNode openApi && Text(openApi.Get("path")) is { } path)
        {
            Add("openapi.path", path, ReferenceKind.File, openApi.Get("path")!);
        }
    }

    private void PluginConfigs(YamlMappingNode map, string field)
    {
        foreach (var (item, label) in Items(map, field))
        {
            if (Text(item) is { } text && !text.Contains('\n'))
            {
                Add(label, text, ReferenceKind.FileOrKustomization, item);
            }
        }
    }

    /// <summary>The items of a list field with their labels ("resources[2]"); reports a field that is not a list.</summary>
    private IEnumerable<(YamlNode Item, string Label)> Items(YamlMappingNode map, string field, string prefix = "")
    {
        var node = map.Get(field);
        if (node is null || node.IsNull())
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            report.Error(file, node, $"{prefix}{field} must be a list, not {node.Describe()}.");
            return [];
        }

        return list.Children.Select((item, i) => (item, $"{prefix}{field}[{i}]"));
    }

    private void Add(string field, string target, ReferenceKind kind, YamlNode node) =>
        _references.Add(new Reference(field, target, kind, node));

    /// <summary>The text of a non-null scalar.</summary>
    private static string? Text(YamlNode? node) => node is YamlScalarNode scalar && !scalar.IsNull() ? scalar.Value : null;
}
