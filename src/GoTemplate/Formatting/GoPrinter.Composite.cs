using System.Collections;
using System.Text;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Formatting;

internal sealed partial class GoPrinter
{
    private void Composite(object value, int verb, int depth)
    {
        switch (value)
        {
            case GoFunction:
                Pointer(value, verb);
                return;
            case IList list:
                Slice(list, verb, depth);
                return;
            case IGoObject o when !GoMap.Is(value):
                Struct(o, verb, depth);
                return;
        }
        if (GoMap.Is(value))
        {
            Map(value, verb, depth);
            return;
        }
        // Not a Go shape: fall back to the C# text of the value.
        Text(value.ToString() ?? "", verb is 'v' or 's' or 'q' or 'x' or 'X' ? verb : 'v');
    }

    private void Bytes(byte[] bytes, int verb)
    {
        switch (verb)
        {
            case 'v' or 'd' when Field.SharpV:
                Buffer.Append("[]byte{");
                for (var i = 0; i < bytes.Length; i++)
                {
                    Buffer.Append(i > 0 ? ", " : "");
                    Hex0x(bytes[i], true);
                }
                Buffer.Append('}');
                break;
            case 'v' or 'd':
                Buffer.Append('[');
                for (var i = 0; i < bytes.Length; i++)
                {
                    Buffer.Append(i > 0 ? " " : "");
                    Field.Integer(bytes[i], 10, false, verb, false);
                }
                Buffer.Append(']');
                break;
            case 's':
                Field.String(Encoding.UTF8.GetString(bytes));
                break;
            case 'x' or 'X':
                Field.Hex(bytes, verb == 'X');
                break;
            case 'q':
                Field.Quoted(Encoding.UTF8.GetString(bytes));
                break;
            default:
                Buffer.Append('[');
                for (var i = 0; i < bytes.Length; i++)
                {
                    Buffer.Append(i > 0 ? " " : "");
                    Print(bytes[i], verb, 1, "uint8");
                }
                Buffer.Append(']');
                break;
        }
    }

    private void Slice(IList list, int verb, int depth)
    {
        var shape = ContainerShape.Of(list.GetType());
        var slotType = shape.ElementName;
        if (Field.SharpV)
        {
            Buffer.Append(GoTypes.NameOf(list)).Append('{');
        }
        else
        {
            Buffer.Append('[');
        }
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                Buffer.Append(Field.SharpV ? ", " : " ");
            }
            Print(list[i], verb, depth + 1, slotType);
        }
        Buffer.Append(Field.SharpV ? '}' : ']');
    }

    private void Map(object map, int verb, int depth)
    {
        var shape = GoMap.ShapeOf(map);
        Buffer.Append(Field.SharpV ? GoTypes.NameOf(map) + "{" : "map[");
        var first = true;
        foreach (var entry in GoMap.SortedEntries(map))
        {
            if (!first)
            {
                Buffer.Append(Field.SharpV ? ", " : " ");
            }
            first = false;
            Print(entry.Key, verb, depth + 1, shape.KeyName);
            Buffer.Append(':');
            Print(entry.Value, verb, depth + 1, shape.ElementName);
        }
        Buffer.Append(Field.SharpV ? '}' : ']');
    }

    private void Struct(IGoObject o, int verb, int depth)
    {
        if (Field.SharpV)
        {
            Buffer.Append(o.TypeName);
        }
        Buffer.Append('{');
        for (var i = 0; i < o.FieldNames.Count; i++)
        {
            if (i > 0)
            {
                Buffer.Append(Field.SharpV ? ", " : " ");
            }
            var name = o.FieldNames[i];
            if (Field.PlusV || Field.SharpV)
            {
                Buffer.Append(name).Append(':');
            }
            o.TryGetField(name, out var field);
            Print(field, verb, depth + 1, GoTypes.Interface);
        }
        Buffer.Append('}');
    }
}
