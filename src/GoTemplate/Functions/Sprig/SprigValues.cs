using System.Collections;
using System.Text;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>How Sprig's functions see template values: as text, as lists of text, as empty or not.</summary>
internal static class SprigValues
{
    /// <summary>A value as text: strings as they are, bytes decoded, anything else printed with <c>%v</c>.</summary>
    public static string Text(object? value) => value switch
    {
        string s => s,
        byte[] b => GoStrings.FromBytes(b),
        NoValue => "<nil>",
        _ => GoFormat.Value(value),
    };

    /// <summary>
    /// A value as a list of texts: a list's non-nil elements as text, nothing for nil, otherwise the value's
    /// own text as the only element.
    /// </summary>
    public static List<string> Texts(object? value)
    {
        switch (value)
        {
            case null or NoValue:
                return [];
            case List<string> strings:
                return [.. strings];
            case IList list when value is not byte[]:
                var texts = new List<string>(list.Count);
                foreach (var item in list)
                {
                    if (item is not null)
                    {
                        texts.Add(Text(item));
                    }
                }
                return texts;
            default:
                return [Text(value)];
        }
    }

    /// <summary>Empty as Sprig means it: nil, false, zero, and empty strings, lists and maps. Structs never are.</summary>
    public static bool IsEmpty(object? value) => !GoTruth.IsTrue(value);

    /// <summary>The list a list function works on; lists of any element type qualify (byte strings included).</summary>
    public static IList? AsList(object? value) => value is IList list && value is not string ? list : null;

    /// <summary>
    /// A list argument, or the failure Sprig reports: <c>Cannot find NAME on type KIND</c> for a non-list, and
    /// Go's nil dereference message for nil.
    /// </summary>
    public static IList RequireList(object? value, string what) =>
        AsList(value) ?? throw new FunctionException(
            value is null or NoValue ? NilDereference : $"Cannot find {what} on type {KindName(value)}");

    public const string NilDereference = "runtime error: invalid memory address or nil pointer dereference";

    /// <summary>Go's name for the kind of a value (<c>int</c>, <c>string</c>, <c>map</c>, <c>slice</c>, <c>struct</c>).</summary>
    public static string KindName(object? value) => GoTypes.KindOf(value) switch
    {
        GoKind.Slice => "slice",
        GoKind.Map => "map",
        GoKind.Struct => "struct",
        GoKind.Func => "func",
        GoKind.Nil or GoKind.Invalid => "invalid",
        _ => GoTypes.NameOf(value),
    };

    /// <summary>A list's elements as interface values, in a new list.</summary>
    public static List<object?> Copy(IList list, int start, int end)
    {
        var copy = new List<object?>(Math.Max(0, end - start));
        for (var i = start; i < end; i++)
        {
            copy.Add(list[i]);
        }
        return copy;
    }

    /// <summary>Deep equality of values as Go's reflect.DeepEqual sees them (types must match).</summary>
    public static bool DeepEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }
        if (a.GetType() != b.GetType())
        {
            return false;
        }
        if (a is IList la && b is IList lb)
        {
            if (la.Count != lb.Count)
            {
                return false;
            }
            for (var i = 0; i < la.Count; i++)
            {
                if (!DeepEqual(la[i], lb[i]))
                {
                    return false;
                }
            }
            return true;
        }
        if (GoMap.Is(a))
        {
            var ea = GoMap.SortedEntries(a);
            var eb = GoMap.SortedEntries(b);
            return ea.Count == eb.Count
                && ea.Zip(eb).All(p => Equals(p.First.Key, p.Second.Key) && DeepEqual(p.First.Value, p.Second.Value));
        }
        return a.Equals(b);
    }

    /// <summary>Go's length of a string in bytes, as the byte-indexed string functions count.</summary>
    public static byte[] Bytes(string s) => GoStrings.Bytes(s);

    public static string FromBytes(byte[] bytes, int start, int end) => GoStrings.FromBytes(bytes.AsSpan(start, end - start));
}
