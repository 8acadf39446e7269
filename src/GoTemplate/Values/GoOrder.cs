namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// Go's ordering of map keys and strings. Strings compare by Unicode code point, which is the byte order
/// of their UTF-8 encoding that Go uses.
/// </summary>
public static class GoOrder
{
    public static readonly IComparer<string> Strings = Comparer<string>.Create(CompareStrings);

    public static int CompareStrings(string? a, string? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return CodePointRank(a[i]).CompareTo(CodePointRank(b[i]));
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    /// <summary>Orders keys of one kind as Go's fmt does: numbers by value, strings by code point.</summary>
    public static int Compare(object? a, object? b)
    {
        var ka = GoTypes.KindOf(a);
        var kb = GoTypes.KindOf(b);
        if (ka != kb)
        {
            return ka.CompareTo(kb);
        }
        return ka switch
        {
            GoKind.String => CompareStrings((string)a!, (string)b!),
            GoKind.Int => GoTypes.ToInt64(a!).CompareTo(GoTypes.ToInt64(b!)),
            GoKind.Uint => GoTypes.ToUInt64(a!).CompareTo(GoTypes.ToUInt64(b!)),
            GoKind.Float => GoTypes.ToDouble(a!).CompareTo(GoTypes.ToDouble(b!)),
            GoKind.Bool => ((bool)a!).CompareTo((bool)b!),
            _ => 0,
        };
    }

    // UTF-16 code units sort differently from code points only around surrogates; lift them above U+FFFF.
    private static int CodePointRank(char c) => c switch
    {
        >= '\uD800' and <= '\uDFFF' => c + 0x2000,
        >= '\uE000' => c - 0x800,
        _ => c,
    };
}
