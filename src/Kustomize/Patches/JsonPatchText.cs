using System.Text.Json;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Reads the text of a patch as a JSON 6902 operation list. Text starting with '[' must be
/// JSON; other text is YAML (maps are strategic merge patches, read before this).
/// </summary>
internal static class JsonPatchText
{
    public static IReadOnlyList<JsonPatchOperation> Operations(string text, PatchEntry entry)
    {
        if (text.TrimStart().StartsWith('[') && !IsJson(text))
        {
            throw new KustomizeBuildException($"unable to parse SM or JSON patch from {entry.Describe()}");
        }

        var documents = NodeReader.Documents(text, entry.Path ?? "patch");
        if (documents.Count == 1 && documents[0] is ListNode { Items.Count: 0 })
        {
            throw new KustomizeBuildException($"illegally qualifies as both an SM and JSON patch: {entry.Describe()}");
        }

        if (documents.Count != 1 || documents[0] is not ListNode list)
        {
            throw new KustomizeBuildException($"unable to parse SM or JSON patch from {entry.Describe()}");
        }

        return list.Items.Select(item => JsonPatchOperation.Read(item, entry)).ToList();
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
