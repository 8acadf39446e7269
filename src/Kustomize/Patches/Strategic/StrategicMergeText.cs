namespace GitOpsHQ.Kustomize;

/// <summary>Recognises the text of a strategic merge patch: one or more YAML documents, all maps.</summary>
internal static class StrategicMergeText
{
    /// <summary>The patch's documents, or null when the text is not a strategic merge patch.</summary>
    public static IReadOnlyList<MapNode>? Documents(string text, string source)
    {
        if (text.TrimStart().StartsWith('['))
        {
            return null;
        }

        var documents = NodeReader.Documents(text, source);
        return documents.Count > 0 && documents.All(document => document is MapNode)
            ? documents.Cast<MapNode>().ToList()
            : null;
    }
}
