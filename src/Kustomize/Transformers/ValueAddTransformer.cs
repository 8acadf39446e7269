using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>Where a ValueAddTransformer writes: the selected resources (all without a selector) and the field.</summary>
internal sealed record ValueAddTarget(PatchTarget? Selector, string FieldPath, int FilePathPosition);

/// <summary>
/// kustomize's built-in ValueAddTransformer: writes one value into a field of the selected resources, creating the
/// field when missing. metadata/namespace sets the namespace of namespaced resources; another field path (parts
/// separated by '/', "\/" keeping a slash inside a part) is written as a scalar, and with a filePathPosition the
/// value is inserted into the path the field holds, as that part of it (1 first, past the end last).
/// </summary>
internal sealed class ValueAddTransformer(string value, IReadOnlyList<ValueAddTarget> targets)
{
    public const string Kind = "ValueAddTransformer";

    /// <summary>
    /// The transformer of a configuration in the kustomization in <paramref name="directory"/>: without a value, the
    /// name of that directory; targets listed in the file targetFilePath follow those written inline.
    /// </summary>
    public static ValueAddTransformer Configured(MapNode config, FileSet files, string directory)
    {
        var plugin = $"plugin {Kind}.builtin.[noGrp]/{config.Map("metadata")?.Text("name")}.[noNs] fails configuration";
        var value = (Scalar(config["value"], plugin, "value") ?? "").Trim();
        if (value.Length == 0)
        {
            if (directory.Length == 0)
            {
                throw KustomizeBuildException.NotSupported($"{Kind} without a value in the kustomization at the root of the build (its value is the name of a directory outside the files built)");
            }

            value = directory[(directory.LastIndexOf('/') + 1)..];
        }

        var targets = Targets(config["targets"], plugin);
        if (Scalar(config["targetFilePath"], plugin, "targetFilePath") is { Length: > 0 } targetFile)
        {
            var documents = NodeReader.Documents(ConfigFile.Text(targetFile, files, directory), targetFile, lastKeyWins: true);
            if (documents.FirstOrDefault() is MapNode shared)
            {
                targets.AddRange(Targets(shared["targets"], plugin));
            }
        }

        if (targets.Count == 0)
        {
            throw new KustomizeBuildException($"{plugin}: must specify at least one target");
        }

        foreach (var target in targets)
        {
            if (target.FieldPath.Length == 0)
            {
                throw new KustomizeBuildException($"{plugin}: fieldPath cannot be empty");
            }

            if (target.FilePathPosition < 0)
            {
                throw new KustomizeBuildException($"{plugin}: value of FilePathPosition ({target.FilePathPosition}) cannot be negative");
            }
        }

        return new ValueAddTransformer(value, targets);
    }

    public void Transform(ResourceMap resources)
    {
        foreach (var target in targets)
        {
            var selected = target.Selector is null ? resources.Resources.ToList() : new ResourceSelector(target.Selector).Select(resources);
            foreach (var resource in selected)
            {
                if (target.FieldPath == "metadata/namespace")
                {
                    if (!resource.Gvk.IsClusterScoped)
                    {
                        resource.Metadata.Set("namespace", ScalarNode.Of(value));
                    }

                    continue;
                }

                Write(resource, target);
            }
        }
    }

    private void Write(Resource resource, ValueAddTarget target)
    {
        var path = Parts(target.FieldPath).Where(part => part.Length > 0).Select(FieldPath.Segment).ToList();
        List<FieldSlot> slots;
        try
        {
            slots = FieldPath.Find(resource.Content, path, ScalarNode.Null);
        }
        catch (FieldPathException e)
        {
            throw new KustomizeBuildException(e.Message);
        }

        if (slots.FirstOrDefault() is not { } slot)
        {
            return;
        }

        if (slot.Value is not ScalarNode current)
        {
            throw new KustomizeBuildException(FieldPathException.WrongKind("ScalarNode", slot.Value).Message);
        }

        var text = target.FilePathPosition > 0 ? InsertPathPart(FieldPath.ScalarText(current), target.FilePathPosition - 1, value) : value;
        slot.Set(WasQuoted(current) ? ScalarNode.Of(text) : UntaggedScalars.Make(text));
    }

    // The new scalar has no tag and keeps the old one's style: a string that reads as another type unquoted was quoted, and
    // stays a string; otherwise the text is read plain.
    private static bool WasQuoted(ScalarNode current)
    {
        if (current.Value is not string text)
        {
            return false;
        }

        try
        {
            return PlainScalar.Resolve(text).Value is not string;
        }
        catch (KustomizeBuildException)
        {
            return true;
        }
    }

    /// <summary>The parts of a field path split on '/', a part ending in '\' joined with the next one by a '/'.</summary>
    internal static List<string> Parts(string fieldPath)
    {
        var parts = new List<string>();
        foreach (var part in fieldPath.Split('/'))
        {
            if (parts.Count > 0 && parts[^1].EndsWith('\\'))
            {
                parts[^1] = parts[^1][..^1] + "/" + part;
            }
            else
            {
                parts.Add(part);
            }
        }

        return parts;
    }

    /// <summary>
    /// <paramref name="part"/> inserted into <paramref name="path"/> at <paramref name="position"/> (0 first, past the end
    /// last); an absolute path stays absolute, and the result is cleaned as Go's filepath.Join cleans it.
    /// </summary>
    internal static string InsertPathPart(string path, int position, string part)
    {
        if (part.Length == 0)
        {
            return path;
        }

        var parts = Split(path);
        position = Math.Clamp(position, 0, parts.Count);
        if (parts.Count > 0 && parts[0].Length == 0 && position < parts.Count)
        {
            position++;
        }

        parts.Insert(position, part);
        return parts[0].Length == 0 ? "/" + Join(parts.Skip(1)) : Join(parts);
    }

    // Go's filesys.PathSplit: the parts of a path, a leading "" for an absolute one.
    private static List<string> Split(string path)
    {
        var parts = new List<string>();
        var rest = path;
        while (rest.Length > 0)
        {
            var slash = rest.LastIndexOf('/');
            var (directory, name) = (rest[..(slash + 1)], rest[(slash + 1)..]);
            if (directory == "/")
            {
                parts.Add(name);
                if (name.Length > 0)
                {
                    parts.Add("");
                }

                break;
            }

            directory = directory.EndsWith('/') ? directory[..^1] : directory;
            parts.Add(name);
            rest = directory;
        }

        parts.Reverse();
        return parts;
    }

    // Go's filepath.Join: the non-empty parts joined by '/' and cleaned; "" when there are none.
    private static string Join(IEnumerable<string> parts)
    {
        var joined = string.Join('/', parts.Where(part => part.Length > 0));
        return joined.Length == 0 ? "" : Clean(joined);
    }

    // Go's path.Clean.
    private static string Clean(string path)
    {
        var rooted = path.StartsWith('/');
        var kept = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (kept.Count > 0 && kept[^1] != "..")
                {
                    kept.RemoveAt(kept.Count - 1);
                }
                else if (!rooted)
                {
                    kept.Add("..");
                }

                continue;
            }

            kept.Add(part);
        }

        var cleaned = string.Join('/', kept);
        return rooted ? "/" + cleaned : cleaned.Length == 0 ? "." : cleaned;
    }

    private static List<ValueAddTarget> Targets(Node? node, string plugin)
    {
        var targets = new List<ValueAddTarget>();
        if (node is null or ScalarNode { Value: null })
        {
            return targets;
        }

        if (node is not ListNode list)
        {
            throw Unmarshal(plugin, node, "[]valueadd.Target");
        }

        foreach (var item in list.Items)
        {
            if (item is ScalarNode { Value: null })
            {
                targets.Add(new ValueAddTarget(null, "", 0));
                continue;
            }

            var map = item as MapNode ?? throw Unmarshal(plugin, item, "valueadd.Target");
            var position = map["filePathPosition"] switch
            {
                null or ScalarNode { Value: null } => 0,
                ScalarNode { Value: long number } when number is >= int.MinValue and <= int.MaxValue => (int)number,
                var other => throw Unmarshal(plugin, other, "int"),
            };
            targets.Add(new ValueAddTarget(Selector(map["selector"], plugin), Scalar(map["fieldPath"], plugin, "fieldPath") ?? "", position));
        }

        return targets;
    }

    private static PatchTarget? Selector(Node? node, string plugin)
    {
        if (node is null or ScalarNode { Value: null })
        {
            return null;
        }

        var map = node as MapNode ?? throw Unmarshal(plugin, node, "types.Selector");
        string Get(string key) => Scalar(map[key], plugin, key) ?? "";
        return new PatchTarget(Get("group"), Get("version"), Get("kind"), Get("name"), Get("namespace"), Get("labelSelector"), Get("annotationSelector"));
    }

    // Read like YAML into a Go string: any scalar as its text.
    private static string? Scalar(Node? node, string plugin, string field) => node switch
    {
        null => null,
        ScalarNode { Value: null } => "",
        ScalarNode scalar => FieldPath.ScalarText(scalar),
        _ => throw Unmarshal(plugin, node, "string"),
    };

    private static KustomizeBuildException Unmarshal(string plugin, Node node, string type) =>
        new($"{plugin}: yaml: unmarshal errors: cannot unmarshal {(node is MapNode ? "!!map" : node is ListNode ? "!!seq" : "!!str")} into {type}");
}
