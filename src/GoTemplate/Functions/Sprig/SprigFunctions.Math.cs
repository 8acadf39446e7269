using static GitOpsHQ.GoTemplate.Functions.Sprig.SprigCast;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

public static partial class SprigFunctions
{
    /// <summary>The most numbers until, untilStep and seq produce, so that a huge range fails instead of exhausting memory.</summary>
    internal const int MaxSequenceLength = 10_000_000;

    // Integer math: every argument converts to int64 (texts and floats too) and results are int64, wrapping on
    // overflow as Go's do.
    private static IEnumerable<GoFunction> IntegerMath() =>
    [
        Fn("add1", [A], GoType.Int64, (_, a) => unchecked(ToInt64(a[0]) + 1)),
        Variadic("add", [A], GoType.Int64, (_, a) => a.Aggregate(0L, (sum, v) => unchecked(sum + ToInt64(v)))),
        Fn("sub", [A, A], GoType.Int64, (_, a) => unchecked(ToInt64(a[0]) - ToInt64(a[1]))),
        Fn("div", [A, A], GoType.Int64, (_, a) => Divide(ToInt64(a[0]), ToInt64(a[1]))),
        Fn("mod", [A, A], GoType.Int64, (_, a) => Remainder(ToInt64(a[0]), ToInt64(a[1]))),
        Variadic("mul", [A, A], GoType.Int64, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (product, v) => unchecked(product * ToInt64(v)))),
        Variadic("max", [A, A], GoType.Int64, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Max(m, ToInt64(v)))),
        Variadic("biggest", [A, A], GoType.Int64, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Max(m, ToInt64(v)))),
        Variadic("min", [A, A], GoType.Int64, (_, a) => a.Skip(1).Aggregate(ToInt64(a[0]), (m, v) => Math.Min(m, ToInt64(v)))),
        Fn("floor", [A], GoType.Float64, (_, a) => Math.Floor(ToFloat64(a[0]))),
        Fn("ceil", [A], GoType.Float64, (_, a) => Math.Ceiling(ToFloat64(a[0]))),
        Variadic("round", [A, I, GoType.Float64], GoType.Float64, (_, a) => Round(a)),
        Fn("until", [I], IntList, (_, a) => Until(Int64Of(a[0]))),
        Fn("untilStep", [I, I, I], IntList, (_, a) => UntilStep(Int64Of(a[0]), Int64Of(a[1]), Int64Of(a[2]))),
        Variadic("seq", [I], S, (_, a) => Sequence([.. a.Select(Int64Of)])),
    ];

    // Float math: arguments convert to float64, then compute as exact decimals (see ExactDecimal).
    private static IEnumerable<GoFunction> FloatMath() =>
    [
        Fn("add1f", [A], GoType.Float64, (_, a) => DecimalMath(a[0], [1L], (x, y) => x.Add(y))),
        Variadic("addf", [A], GoType.Float64, (_, a) => DecimalMath(0.0, a, (x, y) => x.Add(y))),
        Variadic("subf", [A, A], GoType.Float64, (_, a) => DecimalMath(a[0], a[1..], (x, y) => x.Subtract(y))),
        Variadic("divf", [A, A], GoType.Float64, (_, a) => DecimalMath(a[0], a[1..], (x, y) => x.Divide(y))),
        Variadic("mulf", [A, A], GoType.Float64, (_, a) => DecimalMath(a[0], a[1..], (x, y) => x.Multiply(y))),
        Variadic("maxf", [A, A], GoType.Float64, (_, a) => a.Skip(1).Aggregate(ToFloat64(a[0]), (m, v) => Math.Max(m, ToFloat64(v)))),
        Variadic("minf", [A, A], GoType.Float64, (_, a) => a.Skip(1).Aggregate(ToFloat64(a[0]), (m, v) => Math.Min(m, ToFloat64(v)))),
    ];

    private static readonly GoType IntList = GoType.Named("[]int");

    private static long Int64Of(object? value) => (nint)value!;

    private const string DivideByZero = "runtime error: integer divide by zero";

    private static long Divide(long a, long b) => b switch
    {
        0 => throw new FunctionException(DivideByZero),
        -1 => unchecked(-a),
        _ => a / b,
    };

    private static long Remainder(long a, long b) => b switch
    {
        0 => throw new FunctionException(DivideByZero),
        -1 => 0,
        _ => a % b,
    };

    private static double DecimalMath(object? first, object?[] rest, Func<ExactDecimal, ExactDecimal, ExactDecimal> operation)
    {
        var result = ExactDecimal.FromDouble(ToFloat64(first));
        foreach (var value in rest)
        {
            result = operation(result, ExactDecimal.FromDouble(ToFloat64(value)));
        }
        return result.ToDouble();
    }

    // round X PLACES [ON]: scaled by 10^PLACES, the fraction (negative for negative numbers) decides between
    // ceiling and floor against ON (default 0.5), then scaled back.
    private static double Round(object?[] a)
    {
        var roundOn = a.Length > 2 ? (double)a[2]! : 0.5;
        var pow = Math.Pow(10, (nint)a[1]!);
        var digit = pow * ToFloat64(a[0]);
        var fraction = double.IsInfinity(digit) ? 0 : digit - Math.Truncate(digit);
        return (fraction >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit)) / pow;
    }

    private static List<nint> Until(long count) => UntilStep(0, count, count < 0 ? -1 : 1);

    // start, start+step, … while short of stop; nothing when the step does not lead towards stop.
    private static List<nint> UntilStep(long start, long stop, long step)
    {
        var values = new List<nint>();
        if (stop < start ? step >= 0 : step <= 0)
        {
            return values;
        }
        var count = stop < start ? (((UInt128)(ulong)(start - stop) - 1) / (ulong)(-step)) + 1 : (((UInt128)(ulong)(stop - start) - 1) / (ulong)step) + 1;
        if (count > MaxSequenceLength)
        {
            throw new FunctionException($"sequence of {count} numbers exceeds the limit of {MaxSequenceLength}");
        }
        for (var i = start; stop < start ? i > stop : i < stop; i = unchecked(i + step))
        {
            values.Add((nint)i);
            if (values.Count == (int)count)
            {
                break;
            }
        }
        return values;
    }

    // seq END counts from 1; seq START END counts by ±1; seq START STEP END; END is included when reached.
    private static string Sequence(long[] p)
    {
        List<nint> values;
        switch (p.Length)
        {
            case 1:
                var increment = p[0] < 1 ? -1 : 1;
                values = UntilStep(1, unchecked(p[0] + increment), increment);
                break;
            case 2:
                var step = p[1] < p[0] ? -1 : 1;
                values = UntilStep(p[0], unchecked(p[1] + step), step);
                break;
            case 3:
                if (p[2] < p[0] && p[1] > 0)
                {
                    return "";
                }
                values = UntilStep(p[0], unchecked(p[2] + (p[2] < p[0] ? -1 : 1)), p[1]);
                break;
            default:
                return "";
        }
        return string.Join(' ', values.Select(v => Format(v)));
    }
}
