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
            Assert.True(text == actual[name], $"{name} differs at {FirstDifference(text, actual[name])}\n--- helm ---\n{text}\n--- engine ---\n{actual[name]}");
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "<end>";
            var right = i < a.Length ? a[i] : "<end>";
            if (left != right)
            {
                return $"line {i + 1}:\n  helm:   {left}\n  engine: {right}";
            }
        }
        return "(line endings)";
    }

    [Fact]
    public void There_are_enough_charts_to_compare() => Assert.True(Directory.EnumerateDirectories(ChartsDirectory).Count() >= 10, "the oracle comparison needs its charts");
}
