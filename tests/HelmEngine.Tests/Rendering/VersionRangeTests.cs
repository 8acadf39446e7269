using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.Versions;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Version ranges (kubeVersion, dependency versions) decide as the oracle's <c>semver-check</c> does, which uses
/// the semver library Helm uses.
/// </summary>
public class VersionRangeTests
{
    public static TheoryData<string, string> Pairs()
    {
        var ranges = new[]
        {
            "", "*", "1.2.3", "=1.2.3", "!=1.2.3", ">1.2.3", "<1.2.3", ">=1.2.3", "<=1.2.3", "=>1.2", "=<1.2",
            "1.x", "1.2.x", "1.X.x", "~1.2.3", "~1.2", "~1", "~>1.2.0", "^1.2.3", "^0.2.3", "^0.0.3", "^1.x", "^0.x",
            ">= 1.2, < 2.0", ">=1.2 <2.0", "1.2 - 1.4", "1.2.0 - 1.4.5", "<1.0 || >=2.0", ">=1.25.0-0", ">=1.25.0-0 <1.30.0-0",
            ">1.2", "<=1.2", ">1.x", "!=1.x", ">=1.2.3-beta.1", "^1.2.3-alpha", "garbage", "1.2.3.4", "v1.2", ">= 1.27.0 < 1.31.0",
        };
        var versions = new[]
        {
            "1.2.3", "1.2.4", "1.3.0", "2.0.0", "0.9.9", "1.2.3-beta.2", "1.2.3-alpha", "0.2.5", "0.3.0", "0.0.3", "0.0.4", "0.1.3", "0.0.3-rc.1",
            "v1.29.3", "v1.30", "1.25.0-gke.1", "1.4.5", "1.2.0", "1", "not-a-version",
        };
        var data = new TheoryData<string, string>();
        foreach (var range in ranges)
        {
            data.Add(range, string.Join(' ', versions));
        }
        return data;
    }

    [OracleTheory]
    [MemberData(nameof(Pairs))]
    public void A_range_decides_like_helms_semver_library(string range, string versions)
    {
        foreach (var version in versions.Split(' '))
        {
            var (code, _, _) = HelmOracle.Run(["semver-check", range, version]);

            Assert.True((code == 0) == VersionConstraints.Satisfies(range, version), $"'{range}' with {version}: helm says {code == 0}");
        }
    }
}
