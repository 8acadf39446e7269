namespace GitOpsHQ.GoYaml;

/// <summary>
/// Go's YAML reader (libyaml's scanner) takes the indentation of a block scalar without an indentation indicator from
/// the deepest of its leading blank lines and its first content line, so blank lines holding fewer spaces than the
/// content come before it harmlessly. The .NET reader refuses some of them ("found extra spaces in first line"). This
/// empties exactly those lines — spaces only, no deeper than the first content line — which changes no value, so the
/// .NET reader accepts what Go's accepts; blank lines deeper than the content are left for both readers to refuse.
/// </summary>
public static class BlockScalarText
{
    public static string Normalize(string text)
    {
        if (!text.Contains('|') && !text.Contains('>'))
        {
            return text;
        }

        var lines = text.Split('\n');
        var changed = false;
        for (var i = 0; i < lines.Length - 1; i++)
        {
            if (!OpensBlockScalar(lines[i]))
            {
                continue;
            }

            var first = i + 1;
            var content = first;
            while (content < lines.Length && IsBlank(lines[content]))
            {
                content++;
            }

            if (content == first || content >= lines.Length)
            {
                continue;
            }

            var indent = lines[content].Length - lines[content].TrimStart(' ').Length;
            for (var j = first; j < content; j++)
            {
                var spaces = lines[j].TrimEnd('\r').Length;
                if (spaces > 0 && spaces <= indent && lines[j].TrimEnd('\r').All(c => c == ' '))
                {
                    lines[j] = lines[j].EndsWith('\r') ? "\r" : "";
                    changed = true;
                }
            }

            i = content - 1;
        }

        return changed ? string.Join('\n', lines) : text;
    }

    private static bool IsBlank(string line) => line.TrimEnd('\r').All(c => c == ' ');

    // A line ending in a block scalar header without an indentation indicator: "key: |", "- >-", "key: |+ # note".
    private static bool OpensBlockScalar(string line)
    {
        var body = line.TrimEnd('\r');
        var hash = body.IndexOf(" #", StringComparison.Ordinal);
        if (hash >= 0)
        {
            body = body[..hash];
        }

        body = body.TrimEnd(' ');
        if (body.Length == 0)
        {
            return false;
        }

        var header = body.Length >= 2 && body[^1] is '-' or '+' && body[^2] is '|' or '>' ? body[..^1] : body;
        if (header[^1] is not ('|' or '>'))
        {
            return false;
        }

        var before = header[..^1];
        return before.Length == 0 || before.EndsWith(": ", StringComparison.Ordinal) || before.EndsWith("- ", StringComparison.Ordinal)
            || before.EndsWith(':') || before.TrimEnd() == "-" || before.EndsWith("! ", StringComparison.Ordinal)
            || (before.Length > 0 && before[^1] == ' ' && before.TrimEnd().EndsWith(':'));
    }
}
