using System.Text;
using Xunit.Abstractions;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// The engine against the real <c>helm template</c> on public charts (see <see cref="PublicChartCorpus"/> for the corpus
/// and its manifest): every chart/variant must render byte-identical to helm or be refused with the same error. Skipped,
/// with the reason, without the corpus or the Helm client.
/// <para>
/// The parity table (identical / same refusal / different, and every difference with where it is) is written to the
/// file named by <c>GITOPSHQ_HELM_CORPUS_REPORT</c>:
/// <c>GITOPSHQ_HELM_CORPUS=/path/to/corpus GITOPSHQ_HELM_CORPUS_REPORT=/tmp/parity.md dotnet test tests/HelmEngine.Tests --filter "FullyQualifiedName~PublicChartCorpusTests.Parity_table"</c>.
/// </para>
/// </summary>
public class PublicChartCorpusTests(ITestOutputHelper output)
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var id in PublicChartCorpus.Instance?.CaseIds() ?? [])
        {
            data.Add(id);
        }
        return data;
    }

    [PublicChartCorpusTheory]
    [MemberData(nameof(Cases))]
    public void Engine_renders_public_chart_as_helm_template(string id)
    {
        var outcome = CorpusComparison.Compare(PublicChartCorpus.Instance!, id);
        Assert.True(outcome.Parity != Parity.Different || outcome.Explained is not null, $"{id}: {outcome.Detail}");
    }

    [PublicChartCorpusFact]
    public void Corpus_manifest_names_what_is_there()
    {
        var corpus = PublicChartCorpus.Instance!;
        Assert.Equal(1, corpus.Content.Format);
        Assert.Equal(corpus.Content.Charts.Count, corpus.Content.Charts.Select(c => c.Id).Distinct().Count());
        foreach (var chart in corpus.Content.Charts)
        {
            Assert.True(File.Exists(Path.Combine(corpus.Directory, chart.Dir, "Chart.yaml")), $"{chart.Id}: no Chart.yaml in {chart.Dir}");
            Assert.False(string.IsNullOrEmpty(chart.Commit), $"{chart.Id}: no commit");
            Assert.NotEmpty(chart.Variants);
            Assert.Equal(chart.Variants.Count, chart.Variants.Select(v => v.Name).Distinct().Count());
            foreach (var variant in chart.Variants)
            {
                for (var i = 0; i < variant.Args.Count - 1; i++)
                {
                    if (variant.Args[i] is "-f" or "--values")
                    {
                        Assert.True(File.Exists(Path.Combine(corpus.Directory, variant.Args[i + 1])), $"{chart.Id}#{variant.Name}: no {variant.Args[i + 1]}");
                    }
                }
            }
        }
    }

    [ParityTableFact]
    public void Parity_table()
    {
        var path = Environment.GetEnvironmentVariable(PublicChartCorpus.ReportVariable);
        var corpus = PublicChartCorpus.Instance!;
        var outcomes = corpus.CaseIds().AsParallel().AsOrdered().WithDegreeOfParallelism(2)
            .Select(id => (Id: id, Outcome: CorpusComparison.Compare(corpus, id))).ToList();
        var charts = corpus.Content.Charts;
        var table = new StringBuilder()
            .AppendLine("# Helm render parity on public charts")
            .AppendLine()
            .AppendLine($"{charts.Count} charts from {charts.Select(c => c.Publisher).Distinct().Count()} publishers, "
                + $"{outcomes.Count} chart/variant renders, {charts.Sum(c => c.Bytes):N0} bytes of charts; helm {HelmClient.Version}, "
                + $"--kube-version {corpus.Content.KubeVersion}.")
            .AppendLine()
            .AppendLine("| verdict | renders | of which masked (random/clock functions) | of which explained |")
            .AppendLine("|---|---|---|---|");
        foreach (var parity in Enum.GetValues<Parity>())
        {
            var these = outcomes.Where(o => o.Outcome.Parity == parity).ToList();
            table.AppendLine($"| {parity} | {these.Count} | {these.Count(o => o.Outcome.Masked)} | {these.Count(o => o.Outcome.Explained is not null)} |");
        }
        table.AppendLine().AppendLine("## Differences").AppendLine();
        foreach (var (id, outcome) in outcomes.Where(o => o.Outcome.Parity == Parity.Different))
        {
            table.AppendLine($"- `{id}`: {outcome.Detail.Replace("\n", "\n    ", StringComparison.Ordinal)}");
            if (outcome.Explained is { } reason)
            {
                table.AppendLine($"    - explained: {reason}");
            }
        }
        table.AppendLine().AppendLine("## Same refusals").AppendLine();
        foreach (var (id, outcome) in outcomes.Where(o => o.Outcome.Parity == Parity.SameRefusal))
        {
            table.AppendLine($"- `{id}`: {outcome.Detail}");
        }
        File.WriteAllText(path!, table.ToString());
        output.WriteLine(table.ToString());
    }
}

/// <summary>A theory over the public chart corpus, skipped with the reason when the corpus or the Helm client is absent.</summary>
public sealed class PublicChartCorpusTheoryAttribute : TheoryAttribute
{
    public PublicChartCorpusTheoryAttribute()
    {
        Skip = PublicChartCorpusSkip.Reason;
    }
}

/// <summary>A fact over the public chart corpus, skipped with the reason when the corpus or the Helm client is absent.</summary>
public sealed class PublicChartCorpusFactAttribute : FactAttribute
{
    public PublicChartCorpusFactAttribute()
    {
        Skip = PublicChartCorpusSkip.Reason;
    }
}

/// <summary>The parity table's run: skipped without the corpus, the Helm client, or a file to write the table to.</summary>
public sealed class ParityTableFactAttribute : FactAttribute
{
    public ParityTableFactAttribute()
    {
        Skip = PublicChartCorpusSkip.Reason
            ?? (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PublicChartCorpus.ReportVariable))
                ? $"Set {PublicChartCorpus.ReportVariable} to a file path to have the parity table written."
                : null);
    }
}

internal static class PublicChartCorpusSkip
{
    public static string? Reason =>
        PublicChartCorpus.Instance is null ? PublicChartCorpus.MissingReason
        : HelmClient.Binary is null ? HelmClient.MissingReason
        : null;
}
