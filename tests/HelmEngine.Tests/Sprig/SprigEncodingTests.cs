// Expected texts are those of Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's base64 and base32 functions, and Go's decoding errors returned as text.</summary>
public class SprigEncodingTests
{
    [Theory]
    [InlineData("{{ b64enc \"abc\" }} {{ b64enc \"\" }} {{ b64enc \"héllo\" }} {{ b64enc \"ab\" }}", "YWJj  aMOpbGxv YWI=")]
    [InlineData("{{ b64dec \"YWJj\" }} {{ b64dec \"aMOpbGxv\" }} {{ b64dec \"YW\\nJj\" }} {{ b64dec \"YWI=\" }}", "abc héllo abc ab")]
    [InlineData("{{ b32enc \"abc\" }} {{ b32enc \"\" }} {{ b32enc \"hello world\" }}", "MFRGG===  NBSWY3DPEB3W64TMMQ======")]
    [InlineData("{{ b32dec \"MFRGG===\" }} {{ b32dec \"NBSWY3DPEB3W64TMMQ======\" }} {{ b32dec \"MFRG\\nG===\" }}", "abc hello world abc")]
    public void Round_trips(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    [Theory]
    [InlineData("{{ b64dec \"YWJj==\" }}", "illegal base64 data at input byte 4")]
    [InlineData("{{ b64dec \"YWJ\" }}", "illegal base64 data at input byte 0")]
    [InlineData("{{ b64dec \"Y!\" }}", "illegal base64 data at input byte 1")]
    [InlineData("{{ b64dec \"YQ=x\" }}", "illegal base64 data at input byte 2")]
    [InlineData("{{ b64dec \"YQ==YQ==\" }}", "illegal base64 data at input byte 4")]
    [InlineData("{{ b32dec \"MFRGG==\" }}", "illegal base32 data at input byte 7")]
    [InlineData("{{ b32dec \"MFRG!\" }}", "illegal base32 data at input byte 4")]
    public void Invalid_input_gives_gos_error_text(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));
}
