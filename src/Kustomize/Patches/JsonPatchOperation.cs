namespace GitOpsHQ.Kustomize;

/// <summary>One operation of a JSON 6902 patch: op, path, and from or value when the op uses them.</summary>
internal sealed record JsonPatchOperation(string Op, JsonPointer Path, JsonPointer? From, Node Value)
{
    public static JsonPatchOperation Read(Node item, PatchEntry entry)
    {
        if (item is not MapNode map)
        {
            throw new KustomizeBuildException($"unable to parse SM or JSON patch from {entry.Describe()}");
        }

        var op = map.Text("op") ?? "";
        var path = JsonPointer.Parse(map.Text("path") ?? "");
        var from = map.Text("from") is { } text ? JsonPointer.Parse(text) : null;
        return new JsonPatchOperation(op, path, from, map["value"] ?? ScalarNode.Null);
    }

    /// <summary>Applies the operation to <paramref name="root"/> in place.</summary>
    public void Apply(MapNode root)
    {
        switch (Op)
        {
            case "add":
                JsonPatchEdits.Add(root, Path, Value.Copy());
                break;
            case "remove":
                JsonPatchEdits.Remove(root, Path, $"error in remove for path: '{Path.Text}'");
                break;
            case "replace":
                JsonPatchEdits.Replace(root, Path, Value.Copy());
                break;
            case "move" when From is null:
                throw new KustomizeBuildException($"move operation does not apply: doc is missing from path: \"\": missing value");
            case "move":
                var moved = JsonPatchEdits.Remove(root, From, $"error in move for path: '{From.Last}'");
                JsonPatchEdits.Add(root, Path, moved);
                break;
            case "copy":
                JsonPatchEdits.Add(root, Path, (From is null ? null : From.Resolve(root))?.Copy() ?? ScalarNode.Null);
                break;
            case "test":
                if (!NodeEquality.Same(Path.Resolve(root) ?? ScalarNode.Null, Value))
                {
                    throw new KustomizeBuildException($"testing value {Path.Text} failed: test failed");
                }

                break;
            default:
                throw new KustomizeBuildException($"Unexpected kind: {Op}");
        }
    }
}
