using System.Collections;
using System.Text;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Functions;

public static partial class BuiltinFunctions
{
    // index x 1 2 is x[1][2]; a missing map key yields the zero value of the map's elements.
    private static object? Index(object? item, object?[] indexes)
    {
        if (item is null or NoValue)
        {
            throw new FunctionException("index of untyped nil");
        }
        foreach (var raw in indexes)
        {
            var index = raw is NoValue ? null : raw;
            if (item is null)
            {
                throw new FunctionException("index of nil pointer");
            }
            item = item switch
            {
                string s => ElementOf(GoStrings.Bytes(s), IndexArg(index, GoStrings.ByteCount(s)), "string"),
                byte[] b => ElementOf(b, IndexArg(index, b.Length), "slice"),
                IList list => ElementOf(list, IndexArg(index, list.Count), "slice"),
                _ when GoMap.Is(item) => MapElement(item, index),
                _ => throw new FunctionException("can't index item of type " + GoTypes.NameOf(item)),
            };
        }
        return item;
    }

    private static object? ElementOf(IList list, int x, string what) =>
        x < list.Count ? list[x] : throw new FunctionException($"reflect: {what} index out of range");

    private static object? MapElement(object map, object? key)
    {
        var shape = GoMap.ShapeOf(map);
        var keyType = shape.HasStringKeys || shape.KeyType is null ? GoType.String : GoType.Named(shape.KeyName, false);
        var k = PrepareArg(key, keyType);
        return GoMap.TryGet(map, k!, out var value) ? value : shape.ElementZero;
    }

    // slice x 1 2 is x[1:2]; strings are sliced by bytes.
    private static object? Slice(object? item, object?[] indexes)
    {
        if (item is InterfaceSlot slot)
        {
            item = slot.Value;
        }
        if (item is null or NoValue)
        {
            throw new FunctionException("slice of untyped nil");
        }
        if (indexes.Length > 3)
        {
            throw new FunctionException($"too many slice indexes: {indexes.Length}");
        }
        int length;
        switch (item)
        {
            case string s:
                if (indexes.Length == 3)
                {
                    throw new FunctionException("cannot 3-index slice a string");
                }
                length = GoStrings.ByteCount(s);
                break;
            case byte[] b:
                length = b.Length;
                break;
            case IList list:
                length = list.Count;
                break;
            default:
                throw new FunctionException("can't slice item of type " + GoTypes.NameOf(item));
        }
        var bounds = new[] { 0, length, length };
        for (var i = 0; i < indexes.Length; i++)
        {
            bounds[i] = IndexArg(indexes[i] is NoValue ? null : indexes[i], length);
        }
        if (bounds[0] > bounds[1])
        {
            throw new FunctionException($"invalid slice index: {bounds[0]} > {bounds[1]}");
        }
        if (indexes.Length == 3 && bounds[1] > bounds[2])
        {
            throw new FunctionException($"invalid slice index: {bounds[1]} > {bounds[2]}");
        }
        var (from, to) = (bounds[0], bounds[1]);
        return item switch
        {
            string s => GoStrings.FromBytes(GoStrings.Bytes(s).AsSpan(from, to - from)),
            byte[] b => b[from..to],
            _ => SubList((IList)item, from, to),
        };
    }

    private static IList SubList(IList list, int from, int to)
    {
        var element = ContainerShape.Of(list.GetType()).ElementType ?? typeof(object);
        var result = list is GoNamedSlice named ? named.Empty() : (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
        for (var i = from; i < to; i++)
        {
            result.Add(list[i]);
        }
        return result;
    }

    private static int IndexArg(object? index, int cap)
    {
        long x = index is InterfaceSlot ? throw new FunctionException("cannot index slice/array with type interface {}") : GoTypes.KindOf(index) switch
        {
            GoKind.Int => GoTypes.ToInt64(index!),
            GoKind.Uint => (long)GoTypes.ToUInt64(index!),
            GoKind.Nil => throw new FunctionException("cannot index slice/array with nil"),
            _ => throw new FunctionException("cannot index slice/array with type " + GoTypes.NameOf(index)),
        };
        if (x < 0 || x > cap)
        {
            throw new FunctionException($"index out of range: {x}");
        }
        return (int)x;
    }
}
