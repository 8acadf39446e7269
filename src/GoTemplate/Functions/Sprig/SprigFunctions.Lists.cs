using System.Collections;
using GitOpsHQ.GoTemplate.Values;
using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigValues;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    private static IEnumerable<GoFunction> Lists() =>
    [
        Variadic("list", [A], L, (_, a) => new List<object?>(a)),
        Variadic("tuple", [A], L, (_, a) => new List<object?>(a)),
        .. Checked("first", A, a => RequireList(a[0], "first") is { Count: > 0 } l ? l[0] : null),
        .. Checked("last", A, a => RequireList(a[0], "last") is { Count: > 0 } l ? l[^1] : null),
        .. Checked("rest", L, a => RequireList(a[0], "rest") is var l && l.Count > 0 ? Copy(l, 1, l.Count) : new List<object?>()),
        .. Checked("initial", L, a => RequireList(a[0], "initial") is var l && l.Count > 0 ? Copy(l, 0, l.Count - 1) : new List<object?>()),
        .. Checked("reverse", L, a => Reverse(RequireList(a[0], "reverse"))),
        .. Checked("uniq", L, a => Unique(RequireList(a[0], "uniq"))),
        .. Checked("compact", L, a => Compact(a[0])),
        .. Checked("append", [A, A], L, a => (List<object?>)[.. Listed(a[0], "Cannot push on type "), a[1]]),
        .. Checked("push", [A, A], L, a => (List<object?>)[.. Listed(a[0], "Cannot push on type "), a[1]]),
        .. Checked("prepend", [A, A], L, a => (List<object?>)[a[1], .. Listed(a[0], "Cannot prepend on type ")]),
        .. Checked("has", [A, A], GoType.Bool, a => a[1] is not null && Contains(RequireList(a[1], "has"), a[0])),
        .. CheckedVariadic("without", [A, A], L, a => Without(RequireList(a[0], "without"), a[1..])),
        .. CheckedVariadic("slice", [A, A], A, a => Slice(a[0], a[1..])),
        .. Checked("chunk", [I, A], GoType.Named("[][]interface {}"), a => Chunk(Int(a[0]), a[1])),
        Variadic("concat", [A], L, (_, a) => Concat(a)),
    ];

    /// <summary>A list function and its <c>must</c> form, which fail alike in templates.</summary>
    private static IEnumerable<GoFunction> Checked(string name, GoType result, Func<object?[], object?> body) =>
        Checked(name, [A], result, body);

    private static IEnumerable<GoFunction> Checked(string name, GoType[] parameters, GoType result, Func<object?[], object?> body) =>
    [
        Fn(name, parameters, result, (_, a) => body(a)),
        Fn("must" + char.ToUpperInvariant(name[0]) + name[1..], parameters, result, (_, a) => body(a)),
    ];

    private static IEnumerable<GoFunction> CheckedVariadic(string name, GoType[] parameters, GoType result, Func<object?[], object?> body) =>
    [
        Variadic(name, parameters, result, (_, a) => body(a)),
        Variadic("must" + char.ToUpperInvariant(name[0]) + name[1..], parameters, result, (_, a) => body(a)),
    ];

    private static IList Listed(object? value, string failure) =>
        AsList(value) ?? throw new FunctionException(value is null ? NilDereference : failure + KindName(value));

    private static List<object?> Reverse(IList list)
    {
        var copy = Copy(list, 0, list.Count);
        copy.Reverse();
        return copy;
    }

    // Elements in first-seen order, dropping those deeply equal to an earlier one (types must match too).
    private static List<object?> Unique(IList list)
    {
        var result = new List<object?>();
        foreach (var item in list)
        {
            if (!Contains(result, item))
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static bool Contains(IList list, object? needle)
    {
        foreach (var item in list)
        {
            if (DeepEqual(item, needle))
            {
                return true;
            }
        }
        return false;
    }

    private static List<object?> Without(IList list, object?[] omitted)
    {
        var result = new List<object?>();
        foreach (var item in list)
        {
            if (!Contains(omitted, item))
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static List<object?> Compact(object? value)
    {
        var list = Listed(value, "Cannot compact on type ");
        var result = new List<object?>();
        foreach (var item in list)
        {
            if (!IsEmpty(item))
            {
                result.Add(item);
            }
        }
        return result;
    }

    private static List<object?> Concat(object?[] lists)
    {
        var result = new List<object?>();
        foreach (var value in lists)
        {
            var list = AsList(value) ?? throw new FunctionException(
                value is null ? NilDereference : $"Cannot concat type {KindName(value)} as list");
            foreach (var item in list)
            {
                result.Add(item);
            }
        }
        return result;
    }

    // Sprig's slice: the part of a list from the first index (default 0) to the second (default the end), of the
    // list's own type; nothing for an empty list. Indexes may be numbers or numeric strings.
    private static object? Slice(object? value, object?[] indexes)
    {
        if (value is null)
        {
            throw new FunctionException(NilDereference);
        }
        var list = AsList(value) ?? throw new FunctionException("list should be type of slice or array but " + KindName(value));
        if (list.Count == 0)
        {
            return null;
        }
        var start = indexes.Length > 0 ? SprigNumbers.ToInt(indexes[0]) : 0;
        var end = indexes.Length > 1 ? SprigNumbers.ToInt(indexes[1]) : list.Count;
        if (start < 0 || end < start || end > list.Count)
        {
            throw new FunctionException("reflect.Value.Slice: slice index out of bounds");
        }
        if (value is byte[] bytes)
        {
            return bytes[(int)start..(int)end];
        }
        var result = GoNamedSlice.EmptyLike(list);
        for (var i = (int)start; i < end; i++)
        {
            result.Add(list[i]);
        }
        return result;
    }

    // Consecutive groups of the given size; the last may be shorter.
    private static List<List<object?>> Chunk(int size, object? value)
    {
        var list = AsList(value) ?? throw new FunctionException(
            value is null ? NilDereference : $"Cannot chunk type {KindName(value)}");
        if (size == 0)
        {
            throw new FunctionException("runtime error: makeslice: len out of range");
        }
        var chunks = new List<List<object?>>();
        for (var i = 0; size > 0 && i < list.Count; i += size)
        {
            chunks.Add(Copy(list, i, Math.Min(i + size, list.Count)));
        }
        return chunks;
    }
}
