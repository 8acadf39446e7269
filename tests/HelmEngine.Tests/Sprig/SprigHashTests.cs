namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>Sprig's digests, checked against the published test vectors of each algorithm.</summary>
public class SprigHashTests
{
    [Theory]
    [InlineData("sha1sum", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [InlineData("sha256sum", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("sha256sum", "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("sha512sum", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [InlineData("adler32sum", "Wikipedia", "300286872")]
    [InlineData("adler32sum", "", "1")]
    [InlineData("adler32sum", "The quick brown fox jumps over the lazy dog", "1541148634")]
    public void Digests(string function, string input, string expected) =>
        Assert.Equal(expected, SprigEngine.Render($"{{{{ {function} \"{input}\" }}}}"));
}
