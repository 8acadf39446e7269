namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// The original text of each document of a YAML stream, comments included. Document markers
/// (<c>---</c>, <c>...</c>) and directives are dropped, line endings become "\n", and documents
/// without content (blank, comments only, or a lone null) are left out.
/// </summary>
/// <remarks>
/// YAML forbids <c>---</c> and <c>...</c> followed by a space or line end at the start of a line
/// inside content, so those lines split documents without having to parse them.
/// </remarks>
public static class YamlDocumentText
{
    private static readonly HashSet<string> NullContent = ["~", "null", "Null", "NULL"];

    public static IReadOnlyList<string> NonEmptyDocuments(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var documents = new List<string>();
        var current = new List<string>();
        foreach (var line in lines)
        {
            if (IsMarker(line, "---"))
            {
                Finish(current, documents);
                var rest = line[3..].TrimStart();
                if (rest.Length > 0)
                {
                    current.Add(rest);
                }
            }
            else if (IsMarker(line, "..."))
            {
                Finish(current, documents);
            }
            else if (!(line.StartsWith('%') && !HasContent(current)))
            {
                current.Add(line);
            }
        }

        Finish(current, documents);
        return documents;
    }

    private static bool IsMarker(string line, string marker) =>
        line.StartsWith(marker, StringComparison.Ordinal) && (line.Length == 3 || line[3] is ' ' or '\t');

    private static bool HasContent(IEnumerable<string> lines) =>
        lines.Any(line => line.Trim() is { Length: > 0 } trimmed && !trimmed.StartsWith('#'));

    private static void Finish(List<string> lines, List<string> documents)
    {
        var content = lines
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        if (content.Count > 0 && !(content.Count == 1 && NullContent.Contains(content[0])))
        {
            var first = lines.FindIndex(line => line.Trim().Length > 0);
            var last = lines.FindLastIndex(line => line.Trim().Length > 0);
            documents.Add(string.Join('\n', lines.Skip(first).Take(last - first + 1)) + "\n");
        }

        lines.Clear();
    }
}
