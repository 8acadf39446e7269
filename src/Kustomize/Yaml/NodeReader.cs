using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Reads YAML text into <see cref="Node"/>s with the meaning kustomize gives each scalar. The documents are
/// built straight from the parser's events, without recursion, within the build's limits: document size,
/// nesting depth, and the number of values (an alias counts every value it repeats).
/// </summary>
internal static class NodeReader
{
    /// <summary>
    /// The non-empty documents of a YAML stream; <paramref name="file"/> names it in errors. A key repeated in a
    /// map fails as kustomize's resource reading does, unless <paramref name="lastKeyWins"/> (kustomization files and
    /// configurations, which kustomize reads through JSON, where the last value of a repeated key is kept).
    /// </summary>
    public static IReadOnlyList<Node> Documents(string text, string file, bool lastKeyWins = false)
    {
        var reader = new DocumentReader(file, BuildLimits.Current, lastKeyWins);
        var normalized = GoYaml.BlockScalarText.Normalize(text);
        try
        {
            return reader.Read(new Parser(new StringReader(normalized)));
        }
        catch (Exception e) when (GoYaml.YamlReadError.Is(e))
        {
            // In the words of kustomize's YAML reader, with the line.
            throw new KustomizeBuildException($"MalformedYAMLError: {GoYaml.GoYamlErrorText.KustomizeWords(e, normalized)} in File: {file}");
        }
    }

    private sealed class DocumentReader(string file, BuildLimits limits, bool lastKeyWins)
    {
        private readonly Dictionary<string, (Node Node, int Size, int Depth)> _anchors = new(StringComparer.Ordinal);

        // Every key of every map of the document, with its line, repeats included (kept only to report repeats).
        private readonly Dictionary<MapNode, List<(string Key, long Line)>> _keys = new(ReferenceEqualityComparer.Instance);
        private bool _repeated;
        private long _firstLine;
        private readonly Stack<Frame> _open = new();
        private int _values;

        public List<Node> Read(IParser parser)
        {
            var documents = new List<Node>();
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out var start))
            {
                _anchors.Clear();
                _keys.Clear();
                _repeated = false;
                _firstLine = parser.Current?.Start.Line ?? 1;
                var root = Value(parser);
                var end = parser.Consume<DocumentEnd>();
                if (_repeated)
                {
                    var errors = new List<string>();
                    Repeats(root, errors);
                    throw new KustomizeBuildException(
                        $"map[string]interface {{}}(nil): yaml: unmarshal errors:\n  {string.Join("\n  ", errors)}");
                }

                if (end.End.Index - start.Start.Index > limits.MaxDocumentSize)
                {
                    throw new KustomizeBuildException(
                        $"{file}: a YAML document of {end.End.Index - start.Start.Index} characters is over the build limit of {limits.MaxDocumentSize}");
                }

                if (root is not ScalarNode { Value: null })
                {
                    documents.Add(root);
                }
            }

            parser.Consume<StreamEnd>();
            return documents;
        }

        // One value: a scalar or alias at once, a map or list once its end event is read.
        private Node Value(IParser parser)
        {
            while (true)
            {
                var parsed = parser.Consume<ParsingEvent>();
                Node? done;
                switch (parsed)
                {
                    case Scalar scalar when _open.TryPeek(out var map) && map.Node is MapNode keyed && map.Key is null:
                        map.Key = Key(scalar);
                        if (!lastKeyWins)
                        {
                            _keys[keyed].Add((map.Key, scalar.Start.Line - _firstLine + 1));
                        }

                        continue;
                    case Scalar scalar:
                        done = Count(ToScalar(scalar), 1);
                        Remember(scalar.Anchor, done, 1);
                        break;
                    case AnchorAlias alias when _open.TryPeek(out var map) && map.Node is MapNode && map.Key is null:
                        throw Unsupported("json: unsupported type: map keys must be strings", alias);
                    case AnchorAlias alias:
                        done = Repeat(alias);
                        break;
                    case MappingStart or SequenceStart when _open.TryPeek(out var map) && map.Node is MapNode && map.Key is null:
                        throw Unsupported("json: unsupported type: map keys must be strings", parsed);
                    case MappingStart mapping:
                        var opened = new MapNode();
                        _keys[opened] = [];
                        Open(opened, mapping.Anchor);
                        continue;
                    case SequenceStart sequence:
                        Open(new ListNode(), sequence.Anchor);
                        continue;
                    case MappingEnd or SequenceEnd:
                        var frame = _open.Pop();
                        Remember(frame.Anchor, frame.Node, _values - frame.ValuesBefore);
                        done = frame.Node;
                        break;
                    default:
                        throw Unsupported("unsupported YAML event", parsed);
                }

                if (!_open.TryPeek(out var parent))
                {
                    return done;
                }

                Attach(parent, done);
            }
        }

        private void Open(Node container, AnchorName anchor)
        {
            if (_open.Count >= limits.MaxNestingDepth + 1)
            {
                throw new KustomizeBuildException($"{file}: YAML nested deeper than the build limit of {limits.MaxNestingDepth} levels");
            }

            Count(container, 1);
            _open.Push(new Frame(container, anchor, _values));
        }

        private void Attach(Frame parent, Node value)
        {
            if (parent.Node is ListNode list)
            {
                list.Items.Add(value);
                return;
            }

            var map = (MapNode)parent.Node;
            if (!map.Fields.TryAdd(parent.Key!, value))
            {
                if (lastKeyWins)
                {
                    map.Fields[parent.Key!] = value;
                }
                else
                {
                    _repeated = true;
                }
            }

            parent.Key = null;
        }

        // The repeated keys in the order Go's YAML decoder reports them: at each key its later repeats, then inside its value.
        private void Repeats(Node node, List<string> errors)
        {
            if (node is ListNode list)
            {
                foreach (var item in list.Items)
                {
                    Repeats(item, errors);
                }

                return;
            }

            if (node is not MapNode map || !_keys.TryGetValue(map, out var keys))
            {
                return;
            }

            for (var i = 0; i < keys.Count; i++)
            {
                foreach (var later in keys.Skip(i + 1).Where(later => later.Key == keys[i].Key))
                {
                    errors.Add($"line {later.Line}: mapping key \"{later.Key}\" already defined at line {keys[i].Line}");
                }

                if (keys.FindIndex(first => first.Key == keys[i].Key) == i && map[keys[i].Key] is { } value)
                {
                    Repeats(value, errors);
                }
            }
        }

        private Node Repeat(AnchorAlias alias)
        {
            if (!_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                throw new KustomizeBuildException($"{file}: invalid YAML: unknown anchor '{alias.Value.Value}'");
            }

            // The copy is made only once it is known to fit, so a bomb stops before it takes the memory.
            Count(null, anchored.Size);
            if (_open.Count + anchored.Depth > limits.MaxNestingDepth + 1)
            {
                throw new KustomizeBuildException($"{file}: YAML nested deeper than the build limit of {limits.MaxNestingDepth} levels");
            }

            return anchored.Node.Copy();
        }

        private void Remember(AnchorName anchor, Node node, int size)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (node, size, Depth(node));
            }
        }

        private Node Count(Node? node, int values)
        {
            _values += values;
            if (_values > limits.MaxYamlNodes || _values < 0)
            {
                throw new KustomizeBuildException(
                    $"{file}: the YAML expands to more than the build limit of {limits.MaxYamlNodes} values (aliases count at every use)");
            }

            return node!;
        }

        private string Key(Scalar scalar)
        {
            if (ToScalar(scalar).Value is string text)
            {
                if (text == "<<" && scalar.Style is ScalarStyle.Plain)
                {
                    throw new KustomizeBuildException($"{file}: YAML merge keys (<<) are not supported yet by the built-in kustomize engine");
                }

                return text;
            }

            throw Unsupported("json: unsupported type: map keys must be strings", scalar);
        }

        private KustomizeBuildException Unsupported(string what, ParsingEvent at) => new($"{file}: {what} (line {at.Start.Line})");

        private static int Depth(Node node) => node switch
        {
            MapNode map => 1 + map.Fields.Values.Select(Depth).DefaultIfEmpty(0).Max(),
            ListNode list => 1 + list.Items.Select(Depth).DefaultIfEmpty(0).Max(),
            _ => 0,
        };

        private sealed class Frame(Node node, AnchorName anchor, int valuesBefore)
        {
            public Node Node => node;

            public AnchorName Anchor => anchor;

            public int ValuesBefore => valuesBefore;

            public string? Key { get; set; }
        }
    }

    private static ScalarNode ToScalar(Scalar scalar)
    {
        var text = scalar.Value ?? "";
        if (!scalar.Tag.IsEmpty)
        {
            return scalar.Tag.Value switch
            {
                "tag:yaml.org,2002:str" => ScalarNode.Of(text),
                "tag:yaml.org,2002:null" => new ScalarNode(null) { NullText = text },
                "tag:yaml.org,2002:int" or "tag:yaml.org,2002:float" or "tag:yaml.org,2002:bool" => PlainScalar.Resolve(text),
                _ => throw new KustomizeBuildException($"the YAML tag {scalar.Tag.Value} is not supported yet by the built-in kustomize engine"),
            };
        }

        if (scalar.Style is not (ScalarStyle.Plain or ScalarStyle.Any))
        {
            return ScalarNode.Of(text);
        }

        var plain = PlainScalar.Resolve(text);
        return plain.Value switch
        {
            null => new ScalarNode(null) { NullText = text },
            string word => new ScalarNode(word) { IsPlain = true },
            _ => plain,
        };
    }
}
