using System.Text;

namespace GitOpsHQ.Server.Workloads;

/// <summary>A unified diff of two texts, line by line, with three lines of context (as <c>diff -u</c> prints it).</summary>
public static class LineDiff
{
    private const int Context = 3;

    /// <summary>The longest texts compared line by line; longer ones are shown as replaced as a whole.</summary>
    private const long MaxCells = 16_000_000;

    public static string Unified(string fromName, string toName, string from, string to)
    {
        var a = Lines(from);
        var b = Lines(to);
        var edits = Edits(a, b);
        if (edits.All(e => e.Op == ' ')) return "";
        var text = new StringBuilder();
        text.Append("--- ").Append(fromName).Append('\n').Append("+++ ").Append(toName).Append('\n');
        var i = 0;
        while (i < edits.Count)
        {
            if (edits[i].Op == ' ')
            {
                i++;
                continue;
            }
            var start = Math.Max(0, i - Context);
            var end = i;
            // Extend the hunk while the next change is within two contexts.
            while (true)
            {
                while (end < edits.Count && edits[end].Op != ' ') end++;
                var next = end;
                while (next < edits.Count && edits[next].Op == ' ') next++;
                if (next < edits.Count && next - end <= 2 * Context) end = next;
                else break;
            }
            var stop = Math.Min(edits.Count, end + Context);
            var hunk = edits.GetRange(start, stop - start);
            var oldStart = hunk[0].OldLine;
            var newStart = hunk[0].NewLine;
            var oldCount = hunk.Count(e => e.Op != '+');
            var newCount = hunk.Count(e => e.Op != '-');
            text.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            foreach (var edit in hunk) text.Append(edit.Op).Append(edit.Text).Append('\n');
            i = stop;
        }
        return text.ToString();
    }

    private static string Range(int start, int count) => count switch
    {
        0 => $"{start - 1},0",
        1 => $"{start}",
        _ => $"{start},{count}",
    };

    private static string[] Lines(string text)
    {
        if (text.Length == 0) return [];
        return (text.EndsWith('\n') ? text[..^1] : text).Split('\n');
    }

    private readonly record struct Edit(char Op, string Text, int OldLine, int NewLine);

    private static List<Edit> Edits(string[] a, string[] b)
    {
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;
        var n = a.Length - prefix - suffix;
        var m = b.Length - prefix - suffix;
        var edits = new List<Edit>();
        for (var k = 0; k < prefix; k++) edits.Add(new Edit(' ', a[k], k + 1, k + 1));
        if ((long)n * m > MaxCells)
        {
            for (var k = 0; k < n; k++) edits.Add(new Edit('-', a[prefix + k], prefix + k + 1, prefix + 1));
            for (var k = 0; k < m; k++) edits.Add(new Edit('+', b[prefix + k], prefix + n + 1, prefix + k + 1));
        }
        else
        {
            // Longest common subsequence of the middle parts.
            var lcs = new int[n + 1, m + 1];
            for (var x = n - 1; x >= 0; x--)
            for (var y = m - 1; y >= 0; y--)
                lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
            int i = 0, j = 0;
            while (i < n || j < m)
            {
                if (i < n && j < m && a[prefix + i] == b[prefix + j])
                {
                    edits.Add(new Edit(' ', a[prefix + i], prefix + i + 1, prefix + j + 1));
                    i++;
                    j++;
                }
                else if (i < n && (j == m || lcs[i + 1, j] >= lcs[i, j + 1]))
                {
                    edits.Add(new Edit('-', a[prefix + i], prefix + i + 1, prefix + j + 1));
                    i++;
                }
                else
                {
                    edits.Add(new Edit('+', b[prefix + j], prefix + i + 1, prefix + j + 1));
                    j++;
                }
            }
        }
        for (var k = 0; k < suffix; k++)
            edits.Add(new Edit(' ', a[a.Length - suffix + k], a.Length - suffix + k + 1, b.Length - suffix + k + 1));
        return edits;
    }
}
