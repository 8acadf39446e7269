using System.Globalization;
using GitOpsHQ.GoTemplate.Values;
using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> StringLists() =>
    [
        Text2("splitList", GoType.StringList, (sep, s) => Split(s, sep, -1)),
        Text2("split", M, (sep, s) => Numbered(Split(s, sep, -1))),
        Fn("splitn", [S, I, S], M, (_, a) => Numbered(Split((string)a[2]!, (string)a[0]!, Int(a[1])))),
        Fn("join", [S, A], S, (_, a) => string.Join((string)a[0]!, Texts(a[1]))),
        Fn("toStrings", [A], GoType.StringList, (_, a) => Texts(a[0])),
        Fn("sortAlpha", [A], GoType.StringList, (_, a) => SortAlpha(a[0])),
    ];

    /// <summary>
    /// Splits as Go does: at most <paramref name="limit"/> parts when positive (the last holding the rest),
    /// none when zero; an empty separator splits into characters.
    /// </summary>
    private static List<string> Split(string s, string sep, int limit)
    {
        if (limit == 0)
        {
            return [];
        }
        var parts = new List<string>();
        var start = 0;
        while (limit < 0 || parts.Count < limit - 1)
        {
            int at;
            if (sep.Length == 0)
            {
                if (start >= s.Length)
                {
                    break;
                }
                at = start + (char.IsHighSurrogate(s[start]) && start + 1 < s.Length ? 2 : 1);
                if (at >= s.Length)
                {
                    break;
                }
                parts.Add(s[start..at]);
                start = at;
                continue;
            }
            at = s.IndexOf(sep, start, StringComparison.Ordinal);
            if (at < 0)
            {
                break;
            }
            parts.Add(s[start..at]);
            start = at + sep.Length;
        }
        if (sep.Length > 0 || start < s.Length)
        {
            parts.Add(s[start..]);
        }
        return parts;
    }

    // split and splitn give a map with keys _0, _1, ….
    private static Dictionary<string, object?> Numbered(List<string> parts)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < parts.Count; i++)
        {
            map["_" + i.ToString(CultureInfo.InvariantCulture)] = parts[i];
        }
        return map;
    }

    // A list's non-nil elements as text in byte order; any other value becomes a one-element list of its text.
    private static List<string> SortAlpha(object? value)
    {
        if (AsList(value) is null)
        {
            return [Text(value)];
        }
        var texts = Texts(value);
        texts.Sort(GoOrder.Strings);
        return texts;
    }
}
