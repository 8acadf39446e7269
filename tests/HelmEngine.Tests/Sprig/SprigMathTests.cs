// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's integer and float math: argument conversion, result types, wrapping and failures.</summary>
public class SprigMathTests
{
    /// <summary>Fixture values: .f is float64 3.14, .I is int 7, .I64 int64 8 (a --set number), .U uint 9.</summary>
    [Theory]
    [InlineData("{{ add 1 2 3 }} {{ add }} {{ add .f .I .I64 .U }} {{ add \"0x10\" \"010\" \"0b1\" \"0o7\" }}", "6 0 27 32")]
    [InlineData("{{ add1 .zero }} {{ add1 .n }} {{ add1 .t }} {{ add1 .s }} {{ add1 .l }} {{ add1 \"12.00\" }} {{ add1 \"12.\" }} {{ add1 \"12.5\" }}", "1 1 2 1 1 13 1 1")]
    [InlineData("{{ sub 1 .I64 }} {{ sub -5 -5 }} {{ mul .I .I64 2 }} {{ mul 5 }} {{ mul 9223372036854775807 2 }}", "-7 0 112 5 -2")]
    [InlineData("{{ add 9223372036854775807 1 }} {{ sub -9223372036854775808 1 }}", "-9223372036854775808 9223372036854775807")]
    [InlineData("{{ div 7 2 }} {{ div -7 2 }} {{ mod -7 3 }} {{ mod 7 -3 }} {{ div -9223372036854775808 -1 }} {{ mod -9223372036854775808 -1 }}", "3 -3 -1 1 -9223372036854775808 0")]
    [InlineData("{{ max 1 .I64 3 }} {{ biggest -2 }} {{ min .f \"-0x10\" }} {{ min 3 }} {{ max \"x\" -1 }}", "8 -2 -16 3 0")]
    [InlineData("{{ add1 1e300 }} {{ int64 -1e300 }} {{ int64 \"9223372036854775808\" }} {{ int64 \"-9223372036854775808\" }}", "-9223372036854775807 -9223372036854775808 0 -9223372036854775808")]
    public void Integer_math(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ floor 1.5 }} {{ floor -1.5 }} {{ ceil -1.2 }} {{ ceil \"0x1p-2\" }} {{ floor \"-inf\" }} {{ ceil .n }} {{ floor .I64 }}", "1 -2 -1 1 -Inf 0 8")]
    [InlineData("{{ round 2.5 0 }} {{ round -2.5 0 }} {{ round -2.4 0 }} {{ round 3.14159 2 }} {{ round 123.456 -1 }} {{ round 2.5 0 0.6 }} {{ round 2.5 0 1 }}", "3 -3 -3 3.14 120 2 2")]
    [InlineData("{{ printf \"%T %T %T %T %T\" (add 1) (add1 1) (floor 1) (round 1 1) (max 1) }}", "int64 int64 float64 float64 int64")]
    public void Rounding(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ until 3 }} {{ until 0 }} {{ until -3 }} {{ printf \"%T\" (until 1) }}", "[0 1 2] [] [0 -1 -2] []int")]
    [InlineData("{{ untilStep 0 10 3 }} {{ untilStep 10 0 -3 }} {{ untilStep 0 10 -1 }} {{ untilStep 10 0 1 }} {{ untilStep 3 3 1 }} {{ untilStep 0 5 0 }}", "[0 3 6 9] [10 7 4 1] [] [] [] []")]
    [InlineData("[{{ seq }}] {{ seq 3 }} {{ seq 0 }} {{ seq -2 }} {{ seq 2 4 }} {{ seq 4 2 }} {{ seq 0 5 10 }} {{ seq 10 -5 0 }} [{{ seq 10 5 0 }}] [{{ seq 1 0 5 }}] [{{ seq 1 2 3 4 }}]", "[] 1 2 3 1 0 1 0 -1 -2 2 3 4 4 3 2 0 5 10 10 5 0 [] [] []")]
    public void Sequences(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>Float math computes with exact decimals: 0.1 + 0.2 is 0.3, quotients have 16 decimal places.</summary>
    [Theory]
    [InlineData("{{ addf 0.1 0.2 }} {{ addf }} {{ addf .f .I .I64 \"0.5\" }} {{ add1f .n }} {{ subf 1 0.9 }} {{ subf 10 1 2 3 }}", "0.3 0 18.64 1 0.1 4")]
    [InlineData("{{ mulf 1.1 1.1 }} {{ mulf 3 0.1 }} {{ mulf 1e200 1e200 }} {{ mulf 1e-200 1e-200 }} {{ mulf 2 }}", "1.21 0.3 +Inf 0 2")]
    [InlineData("{{ divf 1 3 }} {{ divf -2 3 }} {{ divf 1 7 }} {{ divf 100 3 3 }} {{ divf 1e-20 3 }} {{ divf 1e20 3 }}", "0.3333333333333333 -0.6666666666666667 0.1428571428571429 11.11111111111111 0 3.333333333333333e+19")]
    [InlineData("{{ maxf 1 2.5 .I64 }} {{ maxf 0 \"NaN\" }} {{ maxf \"-0\" 0 }} {{ minf 0 \"-0\" }} {{ minf \"Inf\" 1e308 }} {{ printf \"%T\" (maxf 1) }}", "8 NaN 0 -0 1e+308 float64")]
    public void Float_math(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ div 1 0 }}", "error calling div: runtime error: integer divide by zero")]
    [InlineData("{{ mod 1 \"abc\" }}", "error calling mod: runtime error: integer divide by zero")]
    [InlineData("{{ divf 1 0 }}", "error calling divf: decimal division by 0")]
    [InlineData("{{ addf \"nan\" 1 }}", "error calling addf: Cannot create a Decimal from NaN")]
    [InlineData("{{ mulf \"inf\" 1 }}", "error calling mulf: Cannot create a Decimal from +Inf")]
    [InlineData("{{ until 100000000 }}", "error calling until: sequence of 100000000 numbers exceeds the limit of 10000000")]
    public void Math_errors(string template, string expected) => Assert.Equal(expected, SprigEngine.CallError(template));

    [Theory]
    [InlineData("{{ round 1.5 1.5 }}", "expected integer; found 1.5")]
    [InlineData("{{ until \"3\" }}", "expected integer; found \"3\"")]
    [InlineData("{{ round 1.5 }}", "wrong number of args for round: want at least 2 got 1")]
    [InlineData("{{ untilStep 1 2 }}", "wrong number of args for untilStep: want 3 got 2")]
    public void Argument_errors(string template, string expected) => Assert.EndsWith(expected, SprigEngine.Error(template));
}
