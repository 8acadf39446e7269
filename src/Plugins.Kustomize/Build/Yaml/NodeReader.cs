using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>Reads YAML text into <see cref="Node"/>s with the meaning kustomize gives each scalar.</summary>
internal static class NodeReader
{
    /// <summary>The non-empty documents of a YAML stream; <paramref name="file"/> names it in errors.</summary>
    public static IReadOnlyList<Node> Documents(string text, string file)
    {
        var limits = BuildLimits.Current;
        var stream = new YamlStream();
        try
        {
            CheckShape(text, file, limits);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new KustomizeBuildException($"{file}: invalid YAML: {e.Message}");
        }

        var budget = new Budget(file, limits);
        return stream.Documents
            .Select(document => document.RootNode)
            .Where(root => !(root is YamlScalarNode scalar && Scalar(scalar).Value is null))
            .Select(root => Read(root, budget, 0))
            .ToList();
    }

    // Loading builds the document tree recursively: documents too deep or too large are refused from
    // the parser's events first, before they could exhaust the stack or the memory.
    private static void CheckShape(string text, string file, BuildLimits limits)
    {
        var parser = new Parser(new StringReader(text));
        var (depth, start) = (0L, 0L);
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case DocumentStart begin:
                    start = begin.Start.Index;
                    break;
                case DocumentEnd end when end.End.Index - start > limits.MaxDocumentSize:
                    throw new KustomizeBuildException(
                        $"{file}: a YAML document of {end.End.Index - start} characters is over the build limit of {limits.MaxDocumentSize}");
                case MappingStart or SequenceStart when ++depth > limits.MaxNestingDepth + 1:
                    throw new KustomizeBuildException($"{file}: YAML nested deeper than the build limit of {limits.MaxNestingDepth} levels");
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    // Counts the values read from one file, so that aliases cannot expand it without bound.
    private sealed class Budget(string file, BuildLimits limits)
    {
        private int _nodes;

        public string File => file;

        public void Take(int depth)
        {
            if (depth > limits.MaxNestingDepth)
            {
                throw new KustomizeBuildException($"{file}: YAML nested deeper than the build limit of {limits.MaxNestingDepth} levels");
            }

            if (++_nodes > limits.MaxYamlNodes)
            {
                throw new KustomizeBuildException(
                    $"{file}: the YAML expands to more than the build limit of {limits.MaxYamlNodes} values (aliases count at every use)");
            }
        }
    }

    private static Node Read(YamlNode node, Budget budget, int depth)
    {
        budget.Take(depth);
        var file = budget.File;

        switch (node)
        {
            case YamlScalarNode scalar:
                return Scalar(scalar);
            case YamlSequenceNode sequence:
                var list = new ListNode();
                list.Items.AddRange(sequence.Children.Select(child => Read(child, budget, depth + 1)));
                return list;
            case YamlMappingNode mapping:
                var map = new MapNode();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = Key(key, file);
                    if (!map.Fields.TryAdd(name, Read(value, budget, depth + 1)))
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
