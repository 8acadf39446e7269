using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>Prints one Go value for a verb, as Go's fmt does, including its <c>%!verb(type=value)</c> errors.</summary>
internal sealed partial class GoPrinter
{
    private object? _arg;
    private bool _erroring;

    public GoPrinter()
    {
        Buffer = new StringBuilder(16, Functions.Sprig.SprigFunctions.MaxStringLength);
        Field = new FieldFormatter(Buffer);
    }

    public StringBuilder Buffer { get; }

    public FieldFormatter Field { get; }

    public override string ToString() => Buffer.ToString();

    public void PrintArg(object? arg, int verb)
    {
        _arg = arg is NoValue ? null : arg;
        if (_arg is null)
        {
            if (verb is 'T' or 'v')
            {
                Field.Pad("<nil>");
            }
            else
            {
                BadVerb(verb);
            }
            return;
        }
        switch (verb)
        {
            case 'T':
                Field.String(GoTypes.NameOf(_arg));
                return;
            case 'p':
                Pointer(_arg, verb);
                return;
        }
        Print(_arg, verb, 0, GoTypes.Interface);
    }

    /// <summary>Writes <c>%!verb(type=value)</c> for a verb that does not suit the value.</summary>
    public void BadVerb(int verb)
    {
        _erroring = true;
        Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append('(');
        if (_arg is not null)
        {
            var arg = _arg;
            Buffer.Append(GoTypes.NameOf(arg)).Append('=');
            PrintArg(arg, 'v');
        }
        else
        {
            Buffer.Append("<nil>");
        }
        Buffer.Append(')');
        _erroring = false;
    }

    private void Print(object? value, int verb, int depth, string slotType)
    {
        if (value is null or NoValue)
        {
            Buffer.Append(Field.SharpV ? slotType + "(nil)" : "<nil>");
            return;
        }
        _arg = value;
        switch (value)
        {
            case bool b:
                if (verb is 't' or 'v')
                {
                    Field.Boolean(b);
                }
                else
                {
                    BadVerb(verb);
                }
                return;
            case string s:
                Text(s, verb);
                return;
            case double d:
                Float(d, verb, false);
                return;
            case float f:
                Float(f, verb, true);
                return;
            case Complex c:
                ComplexNumber(c, verb);
                return;
            case byte[] bytes:
                Bytes(bytes, verb);
                return;
        }
        // A named integer type prints through its String method only for the verbs that use it.
        if (value is IGoInteger && UsesStringMethod(value, verb))
        {
            return;
        }
        switch (GoTypes.KindOf(value))
        {
            case GoKind.Int:
                Integer((ulong)GoTypes.ToInt64(value), true, verb);
                return;
            case GoKind.Uint:
                Integer(GoTypes.ToUInt64(value), false, verb);
                return;
        }
        if (UsesStringMethod(value, verb))
        {
            return;
        }
        Composite(value, verb, depth);
    }

    private void Integer(ulong bits, bool signed, int verb)
    {
        switch (verb)
        {
            case 'v' when Field.SharpV && !signed:
                Hex0x(bits, true);
                break;
            case 'v' or 'd':
                Field.Integer(bits, 10, signed, verb, false);
                break;
            case 'b':
                Field.Integer(bits, 2, signed, verb, false);
                break;
            case 'o' or 'O':
                Field.Integer(bits, 8, signed, verb, false);
                break;
            case 'x' or 'X':
                Field.Integer(bits, 16, signed, verb, verb == 'X');
                break;
            case 'c':
                Field.Character(bits);
                break;
            case 'q':
                Field.QuotedCharacter(bits);
                break;
            case 'U':
                Field.Unicode(bits);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void Hex0x(ulong bits, bool leading0x)
    {
        var sharp = Field.Sharp;
        Field.Sharp = leading0x;
        Field.Integer(bits, 16, false, 'v', false);
        Field.Sharp = sharp;
    }

    private void Float(double value, int verb, bool single)
    {
        switch (verb)
        {
            case 'v':
                Field.Float(value, 'g', -1, single);
                break;
            case 'b' or 'g' or 'G' or 'x' or 'X':
                Field.Float(value, (char)verb, -1, single);
                break;
            case 'f' or 'e' or 'E':
                Field.Float(value, (char)verb, 6, single);
                break;
            case 'F':
                Field.Float(value, 'f', 6, single);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void ComplexNumber(Complex value, int verb)
    {
        if (verb is not ('v' or 'b' or 'g' or 'G' or 'x' or 'X' or 'f' or 'F' or 'e' or 'E'))
        {
            BadVerb(verb);
            return;
        }
        var plus = Field.Plus;
        Buffer.Append('(');
        Float(value.Real, verb, false);
        Field.Plus = true;
        Float(value.Imaginary, verb, false);
        Buffer.Append("i)");
        Field.Plus = plus;
    }

    private void Text(string s, int verb)
    {
        switch (verb)
        {
            case 'v' when Field.SharpV:
            case 'q':
                Field.Quoted(s);
                break;
            case 'v' or 's':
                Field.String(s);
                break;
            case 'x' or 'X':
                Field.Hex(GoStrings.Bytes(s), verb == 'X');
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    private void Pointer(object value, int verb)
    {
        if (GoTypes.KindOf(value) is not (GoKind.Func or GoKind.Map or GoKind.Slice))
        {
            BadVerb(verb);
            return;
        }
        // Go prints a memory address; an identity-derived stand-in keeps the shape.
        var address = 0xc000000000UL + ((ulong)(uint)RuntimeHelpers.GetHashCode(value) << 4);
        switch (verb)
        {
            case 'v' when Field.SharpV:
                Buffer.Append('(').Append(GoTypes.NameOf(value)).Append(")(");
                Hex0x(address, true);
                Buffer.Append(')');
                break;
            case 'v' or 'p':
                Hex0x(address, !Field.Sharp);
                break;
            case 'b' or 'o' or 'd' or 'x' or 'X':
                Integer(address, false, verb);
                break;
            default:
                BadVerb(verb);
                break;
        }
    }

    // Go's fmt uses a value's Error or String method for %v %s %x %X %q.
    private bool UsesStringMethod(object value, int verb)
    {
        if (_erroring || Field.SharpV || verb is not ('v' or 's' or 'x' or 'X' or 'q') || value is not IGoObject o)
        {
            return false;
        }
        var method = StringMethod(o, "Error") ?? StringMethod(o, "String");
        if (method is null)
        {
            return false;
        }
        string text;
        try
        {
            text = method.Invoke(FunctionCall.Detached(method.Name), []) as string ?? "";
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(PANIC=").Append(method.Name)
                .Append(" method: ").Append(e.Message).Append(')');
            return true;
        }
        Text(text, verb);
        return true;
    }

    private static GoFunction? StringMethod(IGoObject o, string name) =>
        o.FindMethod(name) is { Parameters.Count: 0, IsVariadic: false } m && m.Result == GoType.String
        && !(o is GoStruct s && s.IsPointerMethod(name)) ? m : null;
}
