using GitOpsHQ.Versions;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>The one version module: loose reading (Helm, Sprig), strict SemVer 2.0.0 (chart versions), precedence, constraints.</summary>
public sealed class SemanticVersionTests
{
    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("0.0.0", true)]
    [InlineData("1.2.3-rc.1+build.5", true)]
    [InlineData("1.2.3-alpha-beta.0", true)]
    [InlineData("01.2.3", false)]
    [InlineData("1.02.3", false)]
    [InlineData("v1.2.3", false)]
    [InlineData("1.2", false)]
    [InlineData("1.2.3-01", false)]
    [InlineData("1.2.3-", false)]
    [InlineData("1.2.3+", false)]
    [InlineData(" 1.2.3", false)]
    public void Strict_is_semver_2_exactly(string text, bool valid) => Assert.Equal(valid, SemanticVersion.TryParseStrict(text) is not null);

    [Theory]
    [InlineData("v1.2", "1.2.0")]
    [InlineData("1", "1.0.0")]
    [InlineData("1.2.3-rc.1", "1.2.3-rc.1")]
    public void Loose_reading_fills_in_minor_and_patch(string text, string canonical) => Assert.Equal(canonical, SemanticVersion.TryParse(text)!.ToString());

    [Theory]
    [InlineData("1.0.0-alpha", "1.0.0-alpha.1")]
    [InlineData("1.0.0-alpha.1", "1.0.0-alpha.beta")]
    [InlineData("1.0.0-beta.2", "1.0.0-beta.11")]
    [InlineData("1.0.0-rc.1", "1.0.0")]
    [InlineData("1.9.0", "1.10.0")]
    public void Precedence_follows_semver(string lower, string higher)
    {
        Assert.True(SemanticVersion.TryParse(lower)!.CompareTo(SemanticVersion.TryParse(higher)!) < 0);
        Assert.Equal(0, SemanticVersion.TryParse("1.0.0+a")!.CompareTo(SemanticVersion.TryParse("1.0.0+b")!));
    }

    [Theory]
    [InlineData("~1.2.0", "1.2.9", true)]
    [InlineData("~1.2.0", "1.3.0", false)]
    [InlineData("^1.2.0", "1.9.0", true)]
    [InlineData(">=1.25.0-0", "1.28.0", true)]
    [InlineData("1.2 - 1.4", "1.4.9", true)]
    [InlineData("1.2 - 1.4", "1.5.0", false)]
    [InlineData("", "1.0.0", false)]
    [InlineData("not a range", "1.0.0", false)]
    public void Constraints_read_as_helm_reads_them(string constraint, string version, bool satisfied) =>
        Assert.Equal(satisfied, VersionConstraints.Satisfies(constraint, version));
}
