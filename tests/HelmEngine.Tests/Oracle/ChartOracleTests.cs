namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>Each chart under Charts/ renders byte-for-byte as the Go oracle renders it.</summary>
public class ChartOracleTests
{
    private static readonly string ChartsDirectory = Path.Combine(AppContext.BaseDirectory, "Charts");

    public static TheoryData<string> Charts()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(ChartsDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    [OracleTheory]
    [MemberData(nameof(Charts))]
    public void Chart_renders_exactly_like_helm(string chart)
    {
        var directory = Path.Combine(ChartsDirectory, chart);
        var expected = HelmOracle.Render(directory);
        var actual = ChartRendering.Render(directory);

        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (name, text) in expected)
        {
            Assert.True(text == actual[name], $"{name} differs at {HelmReference.HelmExpectations.FirstDifference(text, actual[name])}\n--- helm ---\n{text}\n--- engine ---\n{actual[name]}");
        }
    }

    [Fact]
    public void There_are_enough_charts_to_compare() => Assert.True(Directory.EnumerateDirectories(ChartsDirectory).Count() >= 10, "the oracle comparison needs its charts");
}
