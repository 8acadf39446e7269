using GitOpsHQ.Files;
using GitOpsHQ.HelmEngine.Tests.Oracle;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Each case under HelmCharts/ (a chart in chart/, user values files in user-values/, <c>helm template</c> flags in
/// flags, one argument per line) renders byte-for-byte as
/// the oracle's <c>helm template</c> prints it, or fails with the same message.
/// </summary>
public class ChartRendererOracleTests
{
    private static readonly string CasesDirectory = Path.Combine(AppContext.BaseDirectory, "HelmCharts");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(CasesDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(dir));
        }
        return data;
    }

    // A case: its chart, its user values files (in name order), its helm template flags and the same as render options.
    private static (string Chart, List<string> ValuesFiles, IReadOnlyList<string> Flags, RenderOptions Options) Case(string name)
    {
        var caseDirectory = Path.Combine(CasesDirectory, name);
        var valuesDirectory = Path.Combine(caseDirectory, "user-values");
        var valuesFiles = Directory.Exists(valuesDirectory)
            ? Directory.EnumerateFiles(valuesDirectory).Order(StringComparer.Ordinal).ToList()
            : [];
        var flags = CaseFlags.Read(caseDirectory);
        var options = CaseFlags.Apply(new RenderOptions { ValuesFiles = valuesFiles.Select(File.ReadAllText).ToList() }, flags);
        return (Path.Combine(caseDirectory, "chart"), valuesFiles, flags, options);
    }

    [OracleTheory]
    [MemberData(nameof(Cases))]
    public void Chart_prints_exactly_like_helm_template(string name)
    {
        var (chartDirectory, valuesFiles, flags, options) = Case(name);
        var (expected, error) = HelmTemplateOracle.Template(chartDirectory, valuesFiles, flags);

        if (error is not null)
        {
            var failure = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(ChartFiles.From(chartDirectory)), options));
            Assert.Equal(error, failure.Message);
            return;
        }
        var actual = ChartRenderer.Render(FileSet.From(ChartFiles.From(chartDirectory)), options);
        Assert.True(expected == actual, $"differs\n--- helm ---\n{expected}\n--- engine ---\n{actual}");
    }

    [OracleTheory]
    [MemberData(nameof(Cases))]
    public void Each_template_renders_exactly_like_helm(string name)
    {
        var (chartDirectory, valuesFiles, flags, options) = Case(name);
        var (expected, error) = HelmTemplateOracle.Templates(chartDirectory, valuesFiles, flags);

        if (error is not null)
        {
            var failure = Assert.Throws<RenderException>(() => ChartRenderer.RenderTemplates(FileSet.From(ChartFiles.From(chartDirectory)), options));
            Assert.Equal(error, failure.Message);
            return;
        }
        var actual = ChartRenderer.RenderTemplates(FileSet.From(ChartFiles.From(chartDirectory)), options);
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (template, text) in expected)
        {
            Assert.True(text == actual[template], $"{template} differs\n--- helm ---\n{text}\n--- engine ---\n{actual[template]}");
        }
    }

    [Fact]
    public void There_are_enough_cases() => Assert.True(Directory.EnumerateDirectories(CasesDirectory).Count() >= 39);
}
