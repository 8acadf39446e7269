// Expected texts are those of Sprig 3.2.3 with Masterminds semver 3.2.0 (the oracle's versions).
using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>semver and semverCompare, checked against the library through the oracle's semver-check.</summary>
public class SprigSemverTests
{
    public static TheoryData<string, string> Pairs() => new()
    {
        { "1.2.3", "1.2.3" }, { "=1.2.3", "1.2.4" }, { "1.2.3", "v1.2.3" }, { "v1.2.3", "1.2.3+build" },
        { "!=1.2.3", "1.2.3" }, { "!=1.2.3", "1.2.4" }, { "!=1.2", "1.2.9" }, { "!=1.x", "2.0.0" }, { "!=1.2.x", "1.2.3-beta" },
        { ">1.2.3", "1.2.4" }, { ">1.2.3", "1.2.3" }, { ">1.2", "1.2.9" }, { ">1.2", "1.3.0" }, { ">1", "1.9.9" }, { ">1", "2.0.0" },
        { "<1.2.3", "1.2.2" }, { "<1.2.3", "1.2.3-alpha" }, { "<1.2.3-beta", "1.2.3-alpha" }, { "<2", "1.99.0" },
        { ">=1.2.3", "1.2.3" }, { "=>1.2.3", "1.2.2" }, { ">=1.2.3-0", "1.2.3-alpha" }, { ">=1.2", "1.2.0" },
        { "<=1.2.3", "1.2.3" }, { "=<1.2", "1.2.9" }, { "<=1.2", "1.3.0" }, { "<=1", "1.9.0" }, { "<=1.2.3", "1.2.4-rc.1" },
        { "~1.2.3", "1.2.9" }, { "~1.2.3", "1.3.0" }, { "~1.2", "1.2.0" }, { "~1", "1.9.0" }, { "~>1.2.3", "1.2.5" }, { "~0", "0.5.0" },
        { "~1.x", "1.5.0" }, { "~*", "0.0.1" }, { "~0.0.0", "5.0.0" }, { "~2.0-beta", "2.0.1-beta.2" },
        { "^1.2.3", "1.9.9" }, { "^1.2.3", "2.0.0" }, { "^0.2.3", "0.2.9" }, { "^0.2.3", "0.3.0" }, { "^0.0.3", "0.0.3" }, { "^0.0.3", "0.0.4" },
        { "^0.0", "0.0.9" }, { "^0", "0.9.0" }, { "^0.x", "0.3.0" }, { "^1.x", "1.5.0" }, { "^1.2.3-alpha", "1.2.3-beta" }, { "^1.2.3", "1.5.0-rc.1" },
        { "1.x", "1.9.9" }, { "1.X", "2.0.0" }, { "1.2.*", "1.2.7" }, { "*", "4.5.6" }, { "x", "0.0.0" }, { "*", "1.0.0-rc1" }, { "1.2", "1.2.5" },
        { "1.2 - 1.4.5", "1.3.0" }, { "1.2 - 1.4.5", "1.4.6" }, { "1.2.3 - 2", "2.5.0" }, { "v1.2 - v1.4", "1.4.9" },
        { ">=1.2, <1.4", "1.3.9" }, { ">=1.2 <1.4", "1.4.0" }, { ">= 1.2 , < 1.4", "1.3.0" }, { ">1.0 <2.0 || >=3.0", "3.1.0" },
        { "<1 || >2", "1.5.0" }, { "1.1 || 1.3", "1.3.2" }, { "^1.0.0 || ^2.0.0", "2.4.0" },
        { ">=1.0.0-0", "1.0.0-rc.1" }, { ">1.0.0-alpha.1", "1.0.0-alpha.beta" }, { ">1.0.0-alpha.2", "1.0.0-alpha.10" },
        { ">1.0.0-rc.1", "1.0.0-rc.1.1" }, { "<1.0.0-2", "1.0.0-10" }, { ">1.0.0-beta", "1.0.0-alpha" },
        { ">=1.2.3", "1.2.3-beta" }, { "<2.0.0", "2.0.0-beta" }, { "1.2.3-beta", "1.2.3-beta+meta" },
        { "foo", "1.0.0" }, { ">=1.2.3", "1.2" }, { ">=1.2.3", "v1" }, { ">= 1.2.3", "1.2.3.4" }, { "", "1.0.0" },
        { ">=1.0.0,", "1.0.0" }, { "1.2.3 ||", "1.2.3" }, { "!=1.2.3-beta", "1.2.3-beta" }, { ">01.2", "1.3.0" },
    };

    [OracleTheory]
    [MemberData(nameof(Pairs))]
    public void SemverCompare_agrees_with_the_library(string constraint, string version)
    {
        var (code, _, error) = HelmOracle.Run(["semver-check", constraint, version]);
        Assert.True(code is 0 or 1, error);
        Assert.Equal(code == 0, Satisfies(constraint, version));
    }

    // An unparsable constraint or version counts as not satisfied, as the oracle's check reports it.
    private static bool Satisfies(string constraint, string version)
    {
        try
        {
            return SprigEngine.Render($"{{{{ semverCompare \"{constraint}\" \"{version}\" }}}}") == "true";
        }
        catch (TemplateException)
        {
            return false;
        }
    }

    [Fact]
    public void There_are_enough_pairs() => Assert.True(Pairs().Count >= 60);

    [Theory]
    [InlineData("{{ $v := semver \"v1.2.3-beta.1+build.5\" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v }} {{ $v.String }}", "1 2 3 beta.1 build.5 v1.2.3-beta.1+build.5 1.2.3-beta.1+build.5 1.2.3-beta.1+build.5")]
    [InlineData("{{ $v := semver \"1.2\" }}{{ $v }} {{ $v.Original }} {{ printf \"%T %T\" $v $v.Major }}", "1.2.0 1.2 *semver.Version uint64")]
    [InlineData("{{ $v := semver \"v1.2.3-rc\" }}{{ $v.IncPatch }} {{ $v.IncMinor }} {{ $v.IncMajor }} {{ (semver \"1.2.3\").IncPatch }} {{ printf \"%T\" $v.IncMajor }}", "1.2.3 1.3.0 2.0.0 1.2.4 semver.Version")]
    [InlineData("{{ ((semver \"1.2.3\").SetPrerelease \"alpha.1\") }} {{ ((semver \"v1.2.3-x\").SetMetadata \"sha.abc\").Major }}", "1.2.3-alpha.1 1")]
    [InlineData("{{ (semver \"1.2.3\").Compare (semver \"1.10.0\") }} {{ (semver \"1.2.3-alpha\").LessThan (semver \"1.2.3\") }} {{ (semver \"1.0.0+a\").Equal (semver \"1.0.0+b\") }} {{ (semver \"2.0.0\").GreaterThan (semver \"1.9.9\") }}", "-1 true true true")]
    [InlineData("{{ semverCompare \">=1.20\" \"v1.21.3-gke.100\" }} {{ semverCompare \">=1.20-0\" \"v1.21.3-gke.100\" }} {{ semverCompare \"^1.2\" \"1.9.0\" }}", "false true true")]
    public void Semver_objects(string template, string expected) => Assert.Equal(expected, SprigEngine.Render(template));

    /// <summary>Inc and Set give a semver.Version value, whose pointer methods (Original, Compare…) templates cannot reach.</summary>
    [Fact]
    public void Version_values_lack_pointer_methods() =>
        Assert.EndsWith("can't evaluate field Original in type semver.Version", SprigEngine.Error("{{ ((semver \"v1.2.3\").IncPatch).Original }}"));

    [Theory]
    [InlineData("{{ semver \"1.2.x\" }}", "error calling semver: Invalid Semantic Version")]
    [InlineData("{{ semver \"1.2.3-01\" }}", "error calling semver: Version segment starts with 0")]
    [InlineData("{{ semver \"99999999999999999999.0.0\" }}", "error calling semver: Error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range")]
    [InlineData("{{ semverCompare \"foo\" \"1.0.0\" }}", "error calling semverCompare: improper constraint: foo")]
    [InlineData("{{ semverCompare \">1 || bar\" \"1.0.0\" }}", "error calling semverCompare: improper constraint:  bar")]
    [InlineData("{{ semverCompare \">1\" \"1.0\" }}", "")]
    [InlineData("{{ semverCompare \">1\" \"one\" }}", "error calling semverCompare: Invalid Semantic Version")]
    [InlineData("{{ (semver \"1.0.0\").SetPrerelease \"a_b\" }}", "error calling SetPrerelease: Invalid Prerelease string")]
    [InlineData("{{ (semver \"1.0.0\").SetMetadata \"a_b\" }}", "error calling SetMetadata: Invalid Metadata string")]
    [InlineData("{{ $v := semver \"1.0.0\" }}{{ $v.Compare nil }}", "error calling Compare: runtime error: invalid memory address or nil pointer dereference")]
    public void Semver_errors(string template, string expected)
    {
        if (expected.Length == 0)
        {
            Assert.Equal("false", SprigEngine.Render(template));
            return;
        }
        Assert.Equal(expected, SprigEngine.CallError(template));
    }

    /// <summary>A long constraint, valid or not, gets its answer (the constraint grammar is matched without backtracking).</summary>
    [Fact]
    public void Long_constraints_are_checked()
    {
        var valid = string.Join(" ", Enumerable.Repeat(">=1.0.0", 3000));
        var invalid = string.Concat(Enumerable.Repeat("1 ,", 3000)) + "!";
        Assert.Equal("true", SprigEngine.Render($"{{{{ semverCompare \"{valid}\" \"1.2.3\" }}}}"));
        Assert.StartsWith("error calling semverCompare: improper constraint: 1 ,1", SprigEngine.CallError($"{{{{ semverCompare \"{invalid}\" \"1.2.3\" }}}}"));
    }
}
