using System.Globalization;
using System.Numerics;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// An arbitrary-precision decimal (<c>Coefficient × 10^Exponent</c>) as Sprig's float functions compute with:
/// each float enters as its shortest decimal text (0.1 is exactly 0.1), sums, differences and products are
/// exact, quotients are rounded half away from zero to 16 decimal places, and the result is the float64 nearest
/// to the exact value.
/// </summary>
internal readonly record struct ExactDecimal(BigInteger Coefficient, int Exponent)
{
    private const int DivisionPlaces = 16;

    /// <summary>The float's shortest round-trip decimal; NaN and infinities fail as Sprig's decimals do.</summary>
    public static ExactDecimal FromDouble(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new FunctionException("Cannot create a Decimal from " + GoFormat.Value(value));
        }
        if (value == 0)
        {
            return new ExactDecimal(BigInteger.Zero, 0);
        }
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.', StringComparison.Ordinal);
        if (point >= 0)
        {
            exponent -= text.Length - point - 1;
            text = text.Remove(point, 1);
        }
        return new ExactDecimal(BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), exponent);
    }

    public ExactDecimal Add(ExactDecimal other)
    {
        var (a, b, exponent) = Align(this, other);
        return new ExactDecimal(a + b, exponent);
    }

    public ExactDecimal Subtract(ExactDecimal other)
    {
        var (a, b, exponent) = Align(this, other);
        return new ExactDecimal(a - b, exponent);
    }

    public ExactDecimal Multiply(ExactDecimal other) =>
        new(Coefficient * other.Coefficient, Exponent + other.Exponent);

    /// <summary>The quotient rounded to 16 decimal places, half away from zero.</summary>
    public ExactDecimal Divide(ExactDecimal other)
    {
        if (other.Coefficient.IsZero)
        {
            throw new FunctionException("decimal division by 0");
        }
        // this / other = (a·10^ea) / (b·10^eb); the quotient's coefficient is at 10^-16.
        var shift = Exponent - other.Exponent + DivisionPlaces;
        var numerator = shift >= 0 ? Coefficient * BigInteger.Pow(10, shift) : Coefficient;
        var denominator = shift >= 0 ? other.Coefficient : other.Coefficient * BigInteger.Pow(10, -shift);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= BigInteger.Abs(denominator))
        {
            quotient += numerator.Sign * denominator.Sign < 0 ? -1 : 1;
        }
        return new ExactDecimal(quotient, -DivisionPlaces);
    }

    /// <summary>The float64 nearest to the exact value (ties to even).</summary>
    public double ToDouble() =>
        double.Parse(
            Coefficient.ToString(CultureInfo.InvariantCulture) + "E" + Exponent.ToString(CultureInfo.InvariantCulture),
            NumberStyles.Float,
            CultureInfo.InvariantCulture);

    private static (BigInteger A, BigInteger B, int Exponent) Align(ExactDecimal x, ExactDecimal y)
    {
        var exponent = Math.Min(x.Exponent, y.Exponent);
        return (x.Coefficient * BigInteger.Pow(10, x.Exponent - exponent), y.Coefficient * BigInteger.Pow(10, y.Exponent - exponent), exponent);
    }
}
