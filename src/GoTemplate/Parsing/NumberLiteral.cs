using System.Numerics;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>
/// A numeric constant of a template with every Go reading it allows: an int64, a uint64, a float64 and a
/// complex128 (a constant such as <c>1e3</c> is all of int, uint and float).
/// </summary>
internal sealed class NumberLiteral
{
    private NumberLiteral(string text) => Text = text;

    public string Text { get; }

    public bool IsInt { get; private set; }
    public bool IsUint { get; private set; }
    public bool IsFloat { get; private set; }
    public bool IsComplex { get; private set; }
    public long Int64 { get; private set; }
    public ulong Uint64 { get; private set; }
    public double Float64 { get; private set; }
    public Complex Complex128 { get; private set; }

    /// <summary>Reads a number, character or complex constant; the error text when it is not one.</summary>
    public static (NumberLiteral? Number, string? Error) Parse(string text, TokenKind kind)
    {
        var n = new NumberLiteral(text);
        if (kind == TokenKind.CharConstant)
        {
            var (rune, error) = GoLiteral.UnquoteChar(text);
            if (error is not null)
            {
                return (null, error);
            }
            n.IsInt = n.IsUint = n.IsFloat = true;
            (n.Int64, n.Uint64, n.Float64) = (rune, (ulong)rune, rune);
            return (n, null);
        }
        if (kind == TokenKind.Complex)
        {
            if (!GoNumberSyntax.TryComplex(text, out var c))
            {
                return (null, GoLiteral.InvalidSyntax);
            }
            n.SetComplex(c);
            return (n, null);
        }
        if (text.EndsWith('i') && GoNumberSyntax.TryFloat(text[..^1], out var imaginary))
        {
            n.SetComplex(new Complex(0, imaginary));
            return (n, null);
        }
        return n.ReadReal();
    }

    private (NumberLiteral?, string?) ReadReal()
    {
        if (GoNumberSyntax.TryInteger(Text, out var signed, out var negative, out var magnitude))
        {
            if (!signed)
            {
                (IsUint, Uint64) = (true, magnitude);
            }
            if (negative ? magnitude <= 1UL << 63 : magnitude < 1UL << 63)
            {
                (IsInt, Int64) = (true, negative ? (long)(0 - magnitude) : (long)magnitude);
                if (Int64 == 0)
                {
                    (IsUint, Uint64) = (true, 0);
                }
            }
        }
        if (IsInt || IsUint)
        {
            (IsFloat, Float64) = (true, IsInt ? Int64 : Uint64);
        }
        else if (GoNumberSyntax.TryFloat(Text, out var f))
        {
            if (Text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                return (null, "integer overflow: " + Formatting.GoQuote.Quote(Text));
            }
            (IsFloat, Float64) = (true, f);
            SetIntegersFromFloat();
        }
        if (!IsInt && !IsUint && !IsFloat)
        {
            return (null, "illegal number syntax: " + Formatting.GoQuote.Quote(Text));
        }
        return (this, null);
    }

    private void SetComplex(Complex c)
    {
        (IsComplex, Complex128) = (true, c);
        if (c.Imaginary == 0)
        {
            (IsFloat, Float64) = (true, c.Real);
            SetIntegersFromFloat();
        }
    }

    private void SetIntegersFromFloat()
    {
        var f = Float64;
        if (!IsInt && f >= -9.2233720368547758e18 && f < 9.2233720368547758e18 && Math.Floor(f) == f)
        {
            (IsInt, Int64) = (true, (long)f);
        }
        if (!IsUint && f >= 0 && f < 1.8446744073709552e19 && Math.Floor(f) == f)
        {
            (IsUint, Uint64) = (true, (ulong)f);
        }
    }

    public override string ToString() => Text;
}
