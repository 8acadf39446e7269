namespace GitOpsHQ.Kustomize;

/// <summary>
/// The replacements field, run last among a kustomization's transformers: for each replacement in
/// order, reads the source value from the one resource its source selects and writes it into the
/// field paths of every target resource (selected by any of its ids, current or earlier, and rejected by none).
/// </summary>
internal sealed class ReplacementTransformer(IReadOnlyList<Replacement> replacements)
{
    public void Transform(ResourceMap resources)
    {
        foreach (var replacement in replacements)
        {
            if (replacement.Source is not { } source || replacement.Targets.Count == 0)
            {
                throw new KustomizeBuildException("replacements must specify a source and at least one target");
            }

            var value = SourceValue(resources, source, replacement.GivenSourcePath);
            foreach (var target in replacement.Targets)
            {
                Apply(resources, target, value);
            }
        }
    }

    private static Node SourceValue(ResourceMap resources, ReplacementSource source, string givenPath)
    {
        var matches = resources.Resources.Where(r => Ids(r).Any(source.Selector.SelectsId)).Take(2).ToList();
        if (matches.Count > 1)
        {
            throw new KustomizeBuildException($"multiple matches for selector {source.Describe(givenPath)}");
        }

        if (matches.Count == 0)
        {
            throw new KustomizeBuildException($"nothing selected by {source.Describe(givenPath)}");
        }

        var value = FieldPath.Lookup(matches[0].Content, FieldPath.Parse(source.FieldPath))
            ?? throw new KustomizeBuildException($"fieldPath `{source.FieldPath}` is missing for replacement source {source.Selector}");
        if (source.Options.Delimiter.Length == 0)
        {
            return value;
        }

        if (value is not ScalarNode scalar)
        {
            throw new KustomizeBuildException("delimiter option can only be used with scalar nodes");
        }

        var text = FieldPath.ScalarText(scalar);
        var parts = text.Split(source.Options.Delimiter);
        if (source.Options.Index < 0 || source.Options.Index >= parts.Length)
        {
            throw new KustomizeBuildException($"options.index {source.Options.Index} is out of bounds for value {text}");
        }

        return Retyped(scalar, parts[source.Options.Index]);
    }

    private static void Apply(ResourceMap resources, ReplacementTarget target, Node value)
    {
        var select = target.Select ?? throw new KustomizeBuildException("target must specify resources to select");
        var paths = target.FieldPaths.Count == 0 ? ["metadata.name"] : target.FieldPaths;
        foreach (var resource in resources.Resources.ToList())
        {
            if (!Matches(resource, select) || target.Reject.Any(r => !(r.LabelSelector.Length == 0 && r.AnnotationSelector.Length == 0) && Matches(resource, r)))
            {
                continue;
            }

            var ids = Ids(resource).ToList();
            if (ids.Any(select.SelectsId) && !ids.Any(id => target.Reject.Any(r => !r.IdIsEmpty && r.SelectsId(id))))
            {
                foreach (var path in paths)
                {
                    Write(resource, path, target.Options, value);
                }
            }
        }
    }

    private static void Write(Resource resource, string path, FieldOptions options, Node value)
    {
        List<FieldSlot> slots;
        var what = options.Create ? "unable to find or create field" : "unable to find field";
        try
        {
            slots = FieldPath.Find(resource.Content, FieldPath.Parse(path), options.Create ? value : null);
        }
        catch (FieldPathException e)
        {
            throw new KustomizeBuildException($"{what} \"{path}\" in replacement target: {e.Message}");
        }

        if (slots.Count == 0)
        {
            throw new KustomizeBuildException($"{what} \"{path}\" in replacement target");
        }

        foreach (var slot in slots)
        {
            SetValue(slot, options, value);
        }
    }

    private static void SetValue(FieldSlot slot, FieldOptions options, Node value)
    {
        var current = slot.Value;
        var text = value is ScalarNode scalar ? FieldPath.ScalarText(scalar) : "";
        if (options.Delimiter.Length > 0)
        {
            if (current is not ScalarNode currentScalar)
            {
                throw new KustomizeBuildException("delimiter option can only be used with scalar nodes");
            }

            var parts = FieldPath.ScalarText(currentScalar).Split(options.Delimiter).ToList();
            if (options.Index < 0)
            {
                parts.Insert(0, text);
            }
            else if (options.Index >= parts.Count)
            {
                parts.Add(text);
            }
            else
            {
                parts[options.Index] = text;
            }

            text = string.Join(options.Delimiter, parts);
        }

        // A scalar keeps its own type and takes only the text; a created or null field takes the text's plain meaning.
        slot.Set(current switch
        {
            ScalarNode existing when slot.Created || UntaggedScalars.Contains(existing) => UntaggedScalars.Make(text),
            ScalarNode { Value: string } => ScalarNode.Of(text),
            ScalarNode existing => Typed(existing, text),
            _ => value.Copy(),
        });
    }

    /// <summary>
    /// New text in a typed scalar read from a file: it keeps its YAML tag, so the text must read as that
    /// type (an integer may hold only an integer, a float a number, a null nothing else), as kustomize
    /// finds when it decodes the result.
    /// </summary>
    private static ScalarNode Typed(ScalarNode existing, string text)
    {
        var resolved = PlainScalar.Resolve(text);
        var fits = (existing.Value, resolved.Value) switch
        {
            (long or ulong, long or ulong) => true,
            (double, long or ulong or double) => true,
            (bool, bool) => true,
            (null, null) => true,
            _ => false,
        };
        if (!fits)
        {
            throw new KustomizeBuildException($"yaml: cannot decode !!{Tag(resolved)} `{text}` as a !!{Tag(existing)}");
        }

        return existing.Value is double && resolved.Value is long or ulong ? new ScalarNode(Convert.ToDouble(resolved.Value, System.Globalization.CultureInfo.InvariantCulture)) : resolved;
    }

    private static string Tag(ScalarNode scalar) => scalar.Value switch
    {
        null => "null",
        bool => "bool",
        long or ulong => "int",
        double => "float",
        _ => "str",
    };

    /// <summary>A copy of a scalar with new text, typed like the original.</summary>
    private static ScalarNode Retyped(ScalarNode original, string text) =>
        original.Value is string ? ScalarNode.Of(text) : PlainScalar.Resolve(text);

    private static IEnumerable<ResourceId> Ids(Resource resource) => resource.AllIds.Reverse();

    private static bool Matches(Resource resource, ReplacementSelector selector) =>
        Selected(resource, "labels", selector.LabelSelector) && Selected(resource, "annotations", selector.AnnotationSelector);

    private static bool Selected(Resource resource, string field, string selector)
    {
        if (selector.Length == 0)
        {
            return true;
        }

        var values = (resource.Content.Map("metadata")?.Map(field)?.Fields ?? Enumerable.Empty<KeyValuePair<string, Node>>())
            .Where(pair => pair.Value is ScalarNode)
            .ToDictionary(pair => pair.Key, pair => FieldPath.ScalarText((ScalarNode)pair.Value), StringComparer.Ordinal);
        return LabelSelector.Parse(selector).Matches(values);
    }
}
