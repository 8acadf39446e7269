using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>Reads YAML text into <see cref="Node"/>s with the meaning kustomize gives each scalar.</summary>
internal static class NodeReader
{
    private const int MaxDepth = 100;

    /// <summary>The non-empty documents of a YAML stream; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<Node> Documents(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KustomizeBuildException($"{file}: invalid YAML: {e.Message}");
        }

        return stream.Documents
            .Select(document => document.RootNode)
            .Where(root => !(root is YamlScalarNode scalar && Scalar(scalar).Value is null))
            .Select(root => Read(root, file, 0))
            .ToList();
    }

    private static Node Read(YamlNode node, string file, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KustomizeBuildException($"{file}: nesting deeper than {MaxDepth} levels");
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var list = new ListNode();
                list.Items.AddRange(sequence.Children.Select(child => Read(child, file, depth + 1)));
                return list;
            case YamlMappingNode mapping:
                var map = new MapNode();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = Key(key, file);
                    if (!map.Fields.TryAdd(name, Read(value, file, depth + 1)))
                    {
                        throw new KustomizeBuildException($"{file}: mapping key \"{name}\" already defined");
                    }
                }

                return map;
            default:
                throw new KustomizeBuildException($"{file}: unsupported YAML node at {node.Start}");
        }
    }

    private static string Key(YamlNode key, string file)
    {
        if (key is YamlScalarNode scalar && Scalar(scalar).Value is string text)
        {
            if (text == "<<" && scalar.Style is ScalarStyle.Plain)
            {
                throw new KustomizeBuildException($"{file}: YAML merge keys (<<) are not supported yet by the built-in kustomize engine");
            }

            return text;
        }

        throw new KustomizeBuildException($"{file}: json: unsupported type: map keys must be strings (line {key.Start.Line})");
    }

    private static ScalarNode Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" => ScalarNode.Of(text),
                "tag:yaml.org,2002:null" => ScalarNode.Null,
                "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" => PlainScalar.Resolve(text),
                _ => throw new KustomizeBuildException($"the YAML tag {scalar.Tag.Value} is not supported yet by the built-in kustomize engine"),
            };
        }

        return scalar.Style is ScalarStyle.Plain or ScalarStyle.Any ? PlainScalar.Resolve(text) : ScalarNode.Of(text);
    }
}
