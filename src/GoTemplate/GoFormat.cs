using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate;

/// <summary>
/// Go's <c>fmt</c> printing of template values: <c>Sprint</c>, <c>Sprintln</c> and <c>Sprintf</c> with Go's
/// verbs, flags, widths and error forms, and Go's text for maps (<c>map[a:1 b:2]</c>), slices
/// (<c>[1 2 3]</c>), nil (<c>&lt;nil&gt;</c>) and floats (<c>1e+06</c>, <c>3.14</c>).
/// </summary>
public static class GoFormat
{
    /// <summary>The default text of one value (<c>%v</c>), as a template action prints it.</summary>
    public static string Value(object? value)
    {
        var printer = new GoPrinter();
        printer.PrintArg(value, 'v');
        return printer.ToString();
    }

    /// <summary>Operands printed with <c>%v</c>; a space goes between two operands when neither is a string.</summary>
    public static string Sprint(IReadOnlyList<object?> args) => Capped(() => SprintAll(args), args);

    private static string SprintAll(IReadOnlyList<object?> args)
    {
        var printer = new GoPrinter();
        var previousString = false;
        for (var i = 0; i < args.Count; i++)
        {
            var isString = args[i] is string;
            if (i > 0 && !isString && !previousString)
            {
                printer.Buffer.Append(' ');
            }
            printer.PrintArg(args[i], 'v');
            previousString = isString;
        }
        return printer.ToString();
    }

    /// <summary>Operands printed with <c>%v</c>, always separated by spaces, then a newline.</summary>
    public static string Sprintln(IReadOnlyList<object?> args)
    {
        var printer = new GoPrinter();
        for (var i = 0; i < args.Count; i++)
        {
            if (i > 0)
            {
                printer.Buffer.Append(' ');
            }
            printer.PrintArg(args[i], 'v');
        }
        return printer.Buffer.Append('\n').ToString();
    }

    public static string Sprintf(string format, params object?[] args) => Capped(() => Printf.Format(format, args), args);

    public static string Sprintf(string format, IReadOnlyList<object?> args) => Capped(() => Printf.Format(format, args), args);

    /// <summary>
    /// Printing stops at <see cref="Functions.Sprig.SprigFunctions.MaxStringLength"/> characters (the printer's buffer
    /// refuses to grow past it), so <c>printf "%s%s" $s $s</c> in a loop ends with an error, not gigabytes.
    /// </summary>
    private static string Capped(Func<string> print, IEnumerable<object?> args)
    {
        // Strings given to print are refused when they alone pass the limit, before anything is built.
        Functions.Sprig.SprigFunctions.RequireLength(args.Sum(a => a is string text ? (long)text.Length : 0));
        try
        {
            return print();
        }
        catch (ArgumentOutOfRangeException)
        {
            throw new Functions.FunctionException(
                $"the printed text exceeds the limit of {Functions.Sprig.SprigFunctions.MaxStringLength} characters");
        }
    }
}
