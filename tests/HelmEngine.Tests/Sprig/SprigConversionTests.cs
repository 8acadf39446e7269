// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's conversions: int, int64, float64, atoi, toDecimal, toString, toStrings.</summary>
public class SprigConversionTests
{
    [Theory]
    [InlineData("{{ int .f }} {{ int -3.99 }} {{ int \"0xff\" }} {{ int \"42.000\" }} {{ int \"1e3\" }} {{ int .t }} {{ int .n }} {{ int .s }} {{ int \"-0b11\" }} {{ int .l }} {{ int .U }}", "3 -3 255 42 0 1 0 0 -3 0 9")]
    [InlineData("{{ int64 \"0755\" }} {{ int64 \"1_000\" }} {{ int64 \"_1\" }} {{ int64 \"0x\" }} {{ int64 \" 1\" }} {{ int64 \"+8\" }} {{ int64 .I }}", "493 1000 0 0 0 8 7")]
    [InlineData("{{ float64 \"3.5\" }} {{ float64 \"0xff\" }} {{ float64 \"0x1p4\" }} {{ float64 \"1_5.5\" }} {{ float64 \"inf\" }} {{ float64 \"-Infinity\" }} {{ float64 \"nan\" }} {{ float64 \"1e400\" }} {{ float64 .I64 }} {{ float64 .s }}", "3.5 0 16 15.5 +Inf -Inf NaN 0 8 0")]
    [InlineData("{{ float64 \"-nan\" }} {{ float64 \"NaN\" }} {{ float64 \"+Inf\" }} {{ float64 \"infin\" }} {{ float64 \".5\" }} {{ float64 \"5.\" }} {{ float64 \"1e\" }}", "0 NaN +Inf 0 0.5 5 0")]
    [InlineData("{{ atoi \"42\" }} {{ atoi \"-42\" }} {{ atoi \"+7\" }} {{ atoi \" 1\" }} {{ atoi \"0x10\" }} {{ atoi \"1.0\" }} {{ atoi \"\" }} {{ atoi \"99999999999999999999\" }} {{ atoi \"-99999999999999999999\" }}", "42 -42 7 0 0 0 0 9223372036854775807 -9223372036854775808")]
    [InlineData("{{ toDecimal \"0755\" }} {{ toDecimal 644 }} {{ toDecimal \"8\" }} {{ toDecimal \"-17\" }} {{ toDecimal .n }} {{ toDecimal \"0o17\" }} {{ toDecimal \"7777777777777777777777\" }}", "493 420 0 -15 0 0 0")]
    [InlineData("{{ printf \"%T %T %T %T %T\" (int 1) (int64 1) (float64 1) (atoi \"1\") (toDecimal \"1\") }}", "int int64 float64 int int64")]
    public void Conversions(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Fact]
    public void Atoi_takes_only_strings() => Assert.EndsWith("expected string; found 5", SprigEngine.Error("{{ atoi 5 }}"));
}
