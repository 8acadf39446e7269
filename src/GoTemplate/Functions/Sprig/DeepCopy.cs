using System.Collections;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary><c>deepCopy</c>: lists and maps are copied at every depth; other values are immutable and shared.</summary>
public static class DeepCopy
{
    public static object Of(object? value) =>
        value is null ? throw new FunctionException("reflect: call of reflect.Value.Type on zero Value") : Copy(value)!;

    private static object? Copy(object? value)
    {
        switch (value)
        {
            case null or string:
                return value;
            case byte[] bytes:
                return bytes.ToArray();
            case IList list:
                var copy = GoNamedSlice.EmptyLike(list);
                foreach (var item in list)
                {
                    copy.Add(Copy(item));
                }
                return copy;
            case IDictionary<string, object?> map:
                var result = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    result[key] = Copy(item);
                }
                return result;
            default:
                return GoMap.Is(value)
                    ? GoMap.SortedEntries(value).ToDictionary(e => (string)e.Key, e => Copy(e.Value), StringComparer.Ordinal)
                    : value;
        }
    }
}
