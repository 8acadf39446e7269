using System.Text;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.Workloads;

/// <summary>One Kubernetes object of a rendered stream, with the document's text as rendered.</summary>
public sealed record RenderedObject(string ApiVersion, string Kind, string Namespace, string Name, string Text)
{
    public string Key => $"{ApiVersion}/{Kind}/{Namespace}/{Name}";
}

/// <summary>Splits rendered YAML (<c>helm template</c>, <c>kustomize build</c>) into its objects, and compares two renders object by object.</summary>
public static class RenderedObjects
{
    public static List<RenderedObject> Split(string manifests)
    {
        var objects = new List<RenderedObject>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var text in Documents(manifests))
        {
            var (apiVersion, kind, ns, name) = Head(text);
            if (apiVersion == "" && kind == "" && name == "") continue;
            var item = new RenderedObject(apiVersion, kind, ns, name, text);
            // The same identity twice (a chart may do it): keep both, told apart by their order.
            if (seen.TryGetValue(item.Key, out var count))
            {
                seen[item.Key] = count + 1;
                item = item with { Name = $"{name}#{count + 1}" };
            }
            else
            {
                seen[item.Key] = 1;
            }
            objects.Add(item);
        }
        return objects;
    }

    /// <summary>The documents of a YAML stream, each without its "---" line and ending with a line break.</summary>
    public static IEnumerable<string> Documents(string manifests)
    {
        var current = new StringBuilder();
        foreach (var line in manifests.Split('\n'))
        {
            if (line == "---" || line.StartsWith("--- ", StringComparison.Ordinal))
            {
                if (HasContent(current)) yield return current.ToString();
                current.Clear();
                continue;
            }
            current.Append(line).Append('\n');
        }
        if (HasContent(current)) yield return current.ToString().TrimEnd('\n') + "\n";
    }

    private static bool HasContent(StringBuilder text) =>
        text.ToString().Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));

    private static (string ApiVersion, string Kind, string Namespace, string Name) Head(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.FirstOrDefault()?.RootNode is not YamlMappingNode root) return ("", "", "", "");
            var metadata = Child(root, "metadata") as YamlMappingNode;
            return (Scalar(root, "apiVersion"), Scalar(root, "kind"), metadata is null ? "" : Scalar(metadata, "namespace"),
                metadata is null ? "" : Scalar(metadata, "name"));
        }
        catch (Exception e) when (Storage.YamlSyntax.IsError(e))
        {
            return ("", "", "", "");
        }
    }

    private static YamlNode? Child(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node : null;

    private static string Scalar(YamlMappingNode map, string key) => Child(map, key) is YamlScalarNode { Value: { } value } ? value : "";

    /// <summary>Added, removed and changed objects between two renders (by apiVersion, kind, namespace and name), in the target's order.</summary>
    public static List<ObjectDelta> Compare(string from, string to)
    {
        var before = Split(from).ToDictionary(o => o.Key, StringComparer.Ordinal);
        var after = Split(to);
        var changes = new List<ObjectDelta>();
        foreach (var item in after)
        {
            if (!before.Remove(item.Key, out var old))
                changes.Add(new ObjectDelta(item, "added", LineDiff.Unified("/dev/null", item.Key, "", item.Text)));
            else if (old.Text != item.Text)
                changes.Add(new ObjectDelta(item, "changed", LineDiff.Unified(item.Key, item.Key, old.Text, item.Text)));
        }
        foreach (var old in before.Values)
            changes.Add(new ObjectDelta(old, "removed", LineDiff.Unified(old.Key, "/dev/null", old.Text, "")));
        return changes;
    }
}

public sealed record ObjectDelta(RenderedObject Object, string Change, string Patch);
