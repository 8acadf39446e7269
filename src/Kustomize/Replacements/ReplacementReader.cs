using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Reads the replacements field: inline entries (decoded strictly, like the kustomization) and entries
/// naming a file (relative to the kustomization directory) that holds one replacement or a list of them.
/// </summary>
internal static class ReplacementReader
{
    /// <summary>An entry as written in the kustomization: a file path, or an inline replacement.</summary>
    public static ReplacementEntry Entry(FieldReader reader, MapNode map)
    {
        map = FieldReader.GoFields(map, "path", "source", "targets");
        if (reader.Text(map["path"]) is { } path)
        {
            if (map["source"] is not null || map["targets"] is not null)
            {
                throw new KustomizeBuildException("trouble configuring builtin ReplacementTransformer: cannot specify both path and inline replacement");
            }

            return new ReplacementEntry(path, null);
        }

        return new ReplacementEntry(null, Read(map, strict: true));
    }

    /// <summary>The replacements of the field's entries, files read from <paramref name="directory"/>.</summary>
    public static IReadOnlyList<Replacement> Resolve(IEnumerable<ReplacementEntry> entries, FileSet files, string directory)
    {
        var result = new List<Replacement>();
        foreach (var entry in entries)
        {
            if (entry.Inline is { } replacement)
            {
                result.Add(replacement);
                continue;
            }

            var path = entry.Path!;
            string text;
            try
            {
                text = ConfigFile.Text(path, files, directory);
            }
            catch (KustomizeBuildException e)
            {
                throw new KustomizeBuildException($"trouble configuring builtin ReplacementTransformer: {e.Message}");
            }

            foreach (var document in NodeReader.Documents(text, path))
            {
                switch (document)
                {
                    case ListNode list:
                        result.AddRange(list.Items.Select(item => Read(item as MapNode ?? new MapNode(), strict: false)));
                        break;
                    case MapNode map:
                        result.Add(Read(map, strict: false));
                        break;
                    default:
                        throw new KustomizeBuildException("replacements must specify a source and at least one target");
                }
            }
        }

        return result;
    }

    private static Replacement Read(MapNode map, bool strict)
    {
        var fields = Fields(map, strict, "path", "source", "targets");
        var reader = new FieldReader("replacements", "replacements");
        ReplacementSource? source = null;
        var givenPath = "";
        if (fields.Map("source") is { } sourceMap)
        {
            var s = Fields(sourceMap, strict, "group", "version", "kind", "name", "namespace", "fieldPath", "options");
            givenPath = reader.Text(s["fieldPath"]) ?? "";
            source = new ReplacementSource(Selector(reader, s), givenPath.Length == 0 ? "metadata.name" : givenPath, Options(reader, s["options"], strict));
        }

        var targets = new List<ReplacementTarget>();
        if (fields["targets"] is { } targetList)
        {
            foreach (var target in reader.Maps(targetList))
            {
                var t = Fields(target, strict, "select", "reject", "fieldPaths", "options");
                var select = t.Map("select") is { } selectMap ? Selector(reader, Fields(selectMap, strict, SelectorFields)) : null;
                var reject = t["reject"] is { } rejectList
                    ? reader.Maps(rejectList).Select(r => Selector(reader, Fields(r, strict, SelectorFields))).ToList()
                    : [];
                var paths = t["fieldPaths"] is { } pathList ? reader.Strings(pathList).ToList() : [];
                targets.Add(new ReplacementTarget(select, reject, paths, Options(reader, t["options"], strict)));
            }
        }

        return new Replacement(source, givenPath, targets);
    }

    private static readonly string[] SelectorFields = ["group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector"];

    private static ReplacementSelector Selector(FieldReader reader, MapNode map)
    {
        string Get(string key) => reader.Text(map[key]) ?? "";
        return new ReplacementSelector(new Gvk(Get("group"), Get("version"), Get("kind")), Get("name"), Get("namespace"),
            Get("labelSelector"), Get("annotationSelector"));
    }

    private static FieldOptions Options(FieldReader reader, Node? value, bool strict)
    {
        if (value is not MapNode map)
        {
            return FieldOptions.None;
        }

        map = Fields(map, strict, "delimiter", "index", "create");
        var index = map["index"] switch
        {
            null or ScalarNode { Value: null } => 0,
            ScalarNode { Value: long n } when n is >= int.MinValue and <= int.MaxValue => (int)n,
            _ => throw reader.Wrong("a non-integer into an int"),
        };
        return new FieldOptions(reader.Text(map["delimiter"]) ?? "", index, KustomizationDecoding.IsTrue(map["create"]));
    }

    /// <summary>Strict decoding fails on unknown fields; a replacement file is decoded leniently, dropping them.</summary>
    private static MapNode Fields(MapNode map, bool strict, params string[] known)
    {
        if (strict)
        {
            return FieldReader.GoFields(map, known);
        }

        var kept = new MapNode();
        foreach (var (key, value) in map.Fields)
        {
            if (known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase)) is { } name)
            {
                kept.Set(name, value);
            }
        }

        return kept;
    }
}
