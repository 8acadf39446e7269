using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The entries of a generators or transformers field, as plugin configurations: YAML written inline, a file of
/// them, or a kustomization directory whose built resources are the configurations.
/// </summary>
internal static class PluginConfigs
{
    /// <summary>
    /// Each configuration with the file it was read from (null for one written inline or built): as kustomize orders
    /// them, those written inline first, then those of the files and directories, each group in field order.
    /// </summary>
    public static List<(MapNode Config, string? ConfiguredIn)> Load(IEnumerable<string> entries, FileSet files, string directory, Func<string, ResourceMap> build)
    {
        var configs = new List<(MapNode, string?)>();
        var named = new List<string>();
        foreach (var entry in entries)
        {
            if (entry.Contains('\n', StringComparison.Ordinal))
            {
                configs.AddRange(Documents(entry, "transformers").Select(config => (config, (string?)null)));
            }
            else
            {
                named.Add(entry);
            }
        }

        foreach (var entry in named)
        {
            var path = FilePath.Resolve(directory, entry)
                ?? throw new KustomizeBuildException($"security; file '{entry}' is not in or below '{directory}'");
            if (files.Contains(path))
            {
                var text = files.Text(path) ?? throw new KustomizeBuildException($"{path} is not UTF-8 text");
                configs.AddRange(Documents(text, entry).Select(config => (config, (string?)path)));
                continue;
            }

            if (!files.IsDirectory(path))
            {
                throw new KustomizeBuildException($"'{path}': no such file or directory");
            }

            try
            {
                configs.AddRange(build(path).Resources.Select(resource => ((MapNode)resource.Content.Copy(), (string?)null)));
            }
            catch (KustomizeBuildException e)
            {
                throw new KustomizeBuildException($"accumulating resources from '{entry}': {e.Message}");
            }
        }

        return configs;
    }

    private static IEnumerable<MapNode> Documents(string text, string source) =>
        NodeReader.Documents(text, source, lastKeyWins: true)
            .Select(document => document as MapNode ?? throw new KustomizeBuildException($"{source}: missing Resource metadata"));

    /// <summary>
    /// A built-in ConfigMapGenerator or SecretGenerator configuration as generator arguments: its own name and namespace,
    /// or those of its metadata; fields the generator does not know are ignored, as kustomize ignores them.
    /// </summary>
    public static GeneratorArgs GeneratorArgs(MapNode config, string kind, string source)
    {
        string[] known = ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options", .. kind == "Secret" ? new[] { "type" } : []];
        var entry = new MapNode();
        foreach (var (key, value) in config.Fields)
        {
            if (known.Contains(key, StringComparer.Ordinal))
            {
                entry.Set(key, value);
            }
        }

        foreach (var field in new[] { "name", "namespace" })
        {
            if (entry[field] is null or ScalarNode { Value: null or "" } && config.Map("metadata")?[field] is { } fromMetadata)
            {
                entry.Set(field, fromMetadata);
            }
        }

        return GeneratorReader.Generator(new FieldReader(source, kind + "Generator"), entry, kind);
    }
}
