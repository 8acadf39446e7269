using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Formatting;

/// <summary>Go's <c>fmt.Sprintf</c>: directives, argument indexes <c>%[n]</c>, <c>*</c> widths and the error forms.</summary>
internal sealed class Printf
{
    private const int TooLarge = 1_000_000;

    private readonly string _format;
    private readonly IReadOnlyList<object?> _args;
    private readonly GoPrinter _printer = new();
    private int _argNum;
    private int _i;
    private bool _reordered;
    private bool _goodArgNum;

    private Printf(string format, IReadOnlyList<object?> args)
    {
        _format = format;
        _args = args;
    }

    private FieldFormatter Field => _printer.Field;

    public static string Format(string format, IReadOnlyList<object?> args)
    {
        var printf = new Printf(format, args);
        printf.Run();
        return printf._printer.ToString();
    }

    private void Run()
    {
        var end = _format.Length;
        while (_i < end)
        {
            _goodArgNum = true;
            var start = _i;
            while (_i < end && _format[_i] != '%')
            {
                _i++;
            }
            _printer.Buffer.Append(_format, start, _i - start);
            if (_i >= end)
            {
                break;
            }
            _i++;
            if (!Directive())
            {
                break;
            }
        }
        if (!_reordered && _argNum < _args.Count)
        {
            Extra();
        }
    }

    // One directive after '%'. Returns false when the format ended without a verb.
    private bool Directive()
    {
        var end = _format.Length;
        Field.ClearFlags();
        if (Flags())
        {
            return true;
        }
        var afterIndex = ArgumentIndex();
        if (_i < end && _format[_i] == '*')
        {
            _i++;
            (Field.Width, Field.WidthPresent) = IntFromArg();
            if (!Field.WidthPresent)
            {
                _printer.Buffer.Append("%!(BADWIDTH)");
            }
            if (Field.Width < 0)
            {
                Field.Width = -Field.Width;
                Field.Minus = true;
                Field.Zero = false;
            }
            afterIndex = false;
        }
        else
        {
            (Field.Width, Field.WidthPresent) = Number(end);
            if (afterIndex && Field.WidthPresent)
            {
                _goodArgNum = false;
            }
        }
        if (_i + 1 < end && _format[_i] == '.')
        {
            _i++;
            if (afterIndex)
            {
                _goodArgNum = false;
            }
            afterIndex = ArgumentIndex();
            if (_i < end && _format[_i] == '*')
            {
                _i++;
                (Field.Precision, Field.PrecisionPresent) = IntFromArg();
                if (Field.Precision < 0)
                {
                    (Field.Precision, Field.PrecisionPresent) = (0, false);
                }
                if (!Field.PrecisionPresent)
                {
                    _printer.Buffer.Append("%!(BADPREC)");
                }
                afterIndex = false;
            }
            else
            {
                (Field.Precision, Field.PrecisionPresent) = Number(end);
                if (!Field.PrecisionPresent)
                {
                    (Field.Precision, Field.PrecisionPresent) = (0, true);
                }
            }
        }
        if (!afterIndex)
        {
            ArgumentIndex();
        }
        if (_i >= end)
        {
            _printer.Buffer.Append("%!(NOVERB)");
            return false;
        }
        int verb = _format[_i];
        if (char.IsHighSurrogate(_format[_i]) && _i + 1 < end && char.IsLowSurrogate(_format[_i + 1]))
        {
            verb = char.ConvertToUtf32(_format[_i], _format[_i + 1]);
        }
        _i += verb > 0xFFFF ? 2 : 1;
        Verb(verb);
        return true;
    }

    // Flags, and the common case of a plain lower-case verb right after them. True when that verb was printed.
    private bool Flags()
    {
        for (; _i < _format.Length; _i++)
        {
            var c = _format[_i];
            switch (c)
            {
                case '#':
                    Field.Sharp = true;
                    break;
                case '0':
                    Field.Zero = !Field.Minus;
                    break;
                case '+':
                    Field.Plus = true;
                    break;
                case '-':
                    Field.Minus = true;
                    Field.Zero = false;
                    break;
                case ' ':
                    Field.Space = true;
                    break;
                default:
                    if (c is >= 'a' and <= 'z' && _argNum < _args.Count)
                    {
                        _i++;
                        Print(c);
                        return true;
                    }
                    return false;
            }
        }
        return false;
    }

    private void Verb(int verb)
    {
        if (verb == '%')
        {
            _printer.Buffer.Append('%');
        }
        else if (!_goodArgNum)
        {
            _printer.Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(BADINDEX)");
        }
        else if (_argNum >= _args.Count)
        {
            _printer.Buffer.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
        }
        else
        {
            Print(verb);
        }
    }

    private void Print(int verb)
    {
        if (verb == 'v')
        {
            (Field.SharpV, Field.Sharp) = (Field.Sharp, false);
            (Field.PlusV, Field.Plus) = (Field.Plus, false);
        }
        _printer.PrintArg(_args[_argNum], verb);
        _argNum++;
    }

    private void Extra()
    {
        Field.ClearFlags();
        _printer.Buffer.Append("%!(EXTRA ");
        for (var k = _argNum; k < _args.Count; k++)
        {
            if (k > _argNum)
            {
                _printer.Buffer.Append(", ");
            }
            var arg = _args[k];
            if (arg is null or NoValue)
            {
                _printer.Buffer.Append("<nil>");
                continue;
            }
            _printer.Buffer.Append(GoTypes.NameOf(arg)).Append('=');
            _printer.PrintArg(arg, 'v');
        }
        _printer.Buffer.Append(')');
    }

    // An explicit argument index such as [2]; returns whether one was read.
    private bool ArgumentIndex()
    {
        if (_i >= _format.Length || _format[_i] != '[')
        {
            return false;
        }
        _reordered = true;
        var close = _format.IndexOf(']', _i + 1);
        if (_format.Length - _i < 3 || close < 0)
        {
            _i++;
            _goodArgNum = false;
            return false;
        }
        _i++;
        var (n, ok) = Number(close);
        var parsed = ok && _i == close;
        _i = close + 1;
        if (parsed && n >= 1 && n - 1 < _args.Count)
        {
            _argNum = n - 1;
            return true;
        }
        _goodArgNum = false;
        return parsed;
    }

    private (int Value, bool Present) Number(int end)
    {
        if (_i >= end)
        {
            return (0, false);
        }
        var value = 0;
        var present = false;
        while (_i < end && _format[_i] is >= '0' and <= '9')
        {
            if (value > TooLarge)
            {
                _i = end;
                return (0, false);
            }
            value = (value * 10) + (_format[_i] - '0');
            present = true;
            _i++;
        }
        return (value, present);
    }

    private (int Value, bool IsInt) IntFromArg()
    {
        if (_argNum >= _args.Count)
        {
            return (0, false);
        }
        var arg = _args[_argNum++];
        long value;
        switch (GoTypes.KindOf(arg))
        {
            case GoKind.Int:
                value = GoTypes.ToInt64(arg!);
                break;
            case GoKind.Uint when GoTypes.ToUInt64(arg!) <= long.MaxValue:
                value = (long)GoTypes.ToUInt64(arg!);
                break;
            default:
                return (0, false);
        }
        return value is > TooLarge or < -TooLarge ? (0, false) : ((int)value, true);
    }
}
