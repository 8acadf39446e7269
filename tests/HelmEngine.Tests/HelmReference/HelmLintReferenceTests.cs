using System.Text.RegularExpressions;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.HelmEngine.Tests.Rendering;
using GitOpsHQ.Contracts;
using GitOpsHQ.Plugins.Helm;
using Google.Protobuf;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// <c>helm lint</c> (Helm 3.13) and the chart plugin's validation (what publishing runs) give the same verdict on every
/// chart of the engine's corpora: the same charts pass and the same charts fail. helm's report for each chart is
/// committed as helm-lint.json beside the case (regenerated as <see cref="HelmTemplateReferenceTests"/> explains).
/// Where the two disagree on purpose, the helm findings concerned are listed in <see cref="Exceptions"/> with the reason.
/// </summary>
public partial class HelmLintReferenceTests
{
    public const string Kind = "lint";

    public sealed record LintException(string Finding, string Reason, string? PluginWarning);

    /// <summary>
    /// helm lint errors the plugin does not treat as errors, by a pattern of helm's report line. A chart whose every
    /// helm error is listed here must pass the plugin's validation; where the plugin reports such a case as a warning
    /// instead, the warning's text is named and checked.
    /// </summary>
    public static readonly LintException[] Exceptions =
    [
        new(@"^templates/: template: .*error calling Lines: runtime error: index out of range \[-1\]",
            "Helm 3.13's .Files.Lines panics on an empty file (fixed in later Helm); the chart renders in the engine and "
            + "in the oracle.", null),
        new(@"^templates/: parse error at \([^)]+\): function ""(fromToml|toYamlPretty|sha512sum)"" not defined",
            "These functions came to Helm after 3.13 (sha512sum with Sprig 3.3); the engine has the functions of the Helm "
            + "release it models, as the oracle.", null),
        new(@"^templates/: template: ",
            "A template that fails with the chart's default values: helm lint renders with them and fails; publishing warns, "
            + "because a chart may rightly need values from its users (a guard with fail, a mustFromJson of a given value).",
            "the chart does not render with its default values"),
        new(@"^templates/[^:]+: unable to parse YAML: ",
            "Rendered output that is not YAML with the default values: helm lint fails; publishing warns for the same "
            + "reason as for a failing template (the corpora's text fixtures are not manifests at all).",
            "the chart does not render with its default values"),
        new(@"^templates/[^:]+: a Deployment must contain matchLabels or matchExpressions",
            "helm lint checks some fields of rendered Kubernetes objects (Helm 3.13: a Deployment's selector); publishing "
            + "checks the chart, not the objects it renders.", null),
    ];

    /// <summary>Plugin errors helm lint does not report, by a pattern of the plugin's message, with the reason.</summary>
    public static readonly (string Message, string Reason)[] PluginOnly =
    [
        (@"^dependencies\[\d+\]\.version '' is not a version or version range",
            "Publishing requires every dependency to name a version or range, so consumers can fetch it; Helm takes an "
            + "empty version (any)."),
        (@"^Invalid YAML: Duplicate key ",
            "Publishing refuses a YAML file that repeats a key in one mapping, as a likely mistake (Go's strict YAML reader, "
            + "used by kubectl and kustomize, refuses it too); Helm reads values.yaml with the non-strict reader, where the "
            + "later key wins, and the engine renders such a chart as Helm does."),
    ];

    public static TheoryData<string> Charts()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceCase.All())
        {
            data.Add(c.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Charts))]
    public async Task Plugin_validation_agrees_with_helm_lint(string id)
    {
        var @case = ReferenceCase.Parse(id);
        var helm = HelmExpectations.Require(@case, Kind);
        Assert.Equal(LintArguments, helm.Args);
        var response = await Validate(@case.ChartDirectory);

        var helmErrors = Findings(helm.Stdout, "ERROR");
        var excused = helmErrors.Where(e => Exceptions.Any(x => Regex.IsMatch(e, x.Finding))).ToList();
        var helmPasses = helmErrors.Count == excused.Count;
        Assert.Equal(helm.ExitCode == 0, helmErrors.Count == 0);

        var pluginErrors = response.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Message).ToList();
        var pluginPasses = pluginErrors.All(m => PluginOnly.Any(x => Regex.IsMatch(m, x.Message)));
        Assert.True(helmPasses == pluginPasses,
            $"helm lint {(helm.ExitCode == 0 ? "passes" : "fails")}, the plugin {(response.Valid ? "passes" : "fails")}\n"
            + $"--- helm lint ---\n{helm.Stdout}\n--- plugin ---\n{string.Join('\n', response.Diagnostics.Select(d => $"{d.Severity} {d.File}:{d.Line}: {d.Message}"))}");
        // Every other helm error is an error of the plugin's about the same file.
        foreach (var finding in helmErrors.Except(excused))
        {
            var file = PluginFileOf(finding);
            Assert.True(response.Diagnostics.Any(d => d.Severity == Severity.Error && d.File.StartsWith(file, StringComparison.Ordinal)),
                $"helm lint reports \"{finding}\"; the plugin has no error about {file}");
        }
        foreach (var finding in excused)
        {
            var exception = Exceptions.First(x => Regex.IsMatch(finding, x.Finding));
            // Charts made for the deterministic stand-ins generate real keys here, which can outlast validation's
            // render time limit on a busy machine (then validation says nothing about the templates).
            if (exception.PluginWarning is { } warning && !@case.NeedsDeterministicStandIns)
            {
                Assert.Contains(response.Diagnostics, d => d.Severity == Severity.Warning && d.Message.Contains(warning, StringComparison.Ordinal));
            }
        }
    }

    // Where the plugin reports what helm lint reports as this finding ("path: message").
    private static string PluginFileOf(string finding) => finding switch
    {
        _ when finding.StartsWith(".: chart metadata is missing these dependencies", StringComparison.Ordinal) => "Chart.yaml",
        _ when finding.StartsWith("values.yaml: ", StringComparison.Ordinal)
            || finding.Contains("values don't meet the specifications", StringComparison.Ordinal) => "values.yaml",
        _ when finding.Contains("error unpacking", StringComparison.Ordinal)
            || finding.StartsWith(": unable to load chart", StringComparison.Ordinal) => "charts/",
        _ => finding[..(finding.IndexOf(": ", StringComparison.Ordinal) + 1)].TrimEnd(':'),
    };

    [HelmTheory]
    [MemberData(nameof(Charts))]
    public void Committed_report_is_what_helm_lint_prints(string id)
    {
        var @case = ReferenceCase.Parse(id);
        var (code, stdout, stderr) = HelmClient.Run(@case.ChartDirectory, LintArguments);
        var run = new HelmRun { Args = LintArguments, ExitCode = code, Stdout = Relative(stdout, @case), Stderr = Relative(stderr, @case) };
        if (HelmClient.Regenerating)
        {
            HelmExpectations.Save(@case, Kind, run);
            return;
        }
        var committed = HelmExpectations.Require(@case, Kind);
        Assert.Equal(committed.ExitCode, run.ExitCode);
        Assert.Equal(Sorted(committed.Stdout), Sorted(run.Stdout));
    }

    private static readonly List<string> LintArguments = ["lint", "."];

    // helm names the chart folder by its absolute path; the committed report names it ".".
    private static string Relative(string text, ReferenceCase @case) =>
        text.Replace(Path.GetFullPath(@case.ChartDirectory).TrimEnd('/'), ".", StringComparison.Ordinal);

    // Findings of one template are printed in a fixed order, but schema violations in Go map order.
    private static string Sorted(string report) => string.Join('\n', report
        .Replace("[ERROR] values.yaml: - ", "[ERROR] values.yaml:\n- ", StringComparison.Ordinal)
        .Split('\n').Order(StringComparer.Ordinal));

    /// <summary>helm lint's findings of a severity, as "path: message".</summary>
    public static List<string> Findings(string report, string severity) => report.Split('\n')
        .Where(l => l.StartsWith($"[{severity}] ", StringComparison.Ordinal))
        .Select(l => l[(severity.Length + 3)..])
        .ToList();

    private static async Task<ValidateResponse> Validate(string chartDirectory)
    {
        var files = ChartFiles.From(chartDirectory).Where(f => !f.Path.StartsWith("helm-", StringComparison.Ordinal) || f.Path.Contains('/')).ToList();
        var chartYaml = System.Text.Encoding.UTF8.GetString(files.Single(f => f.Path == "Chart.yaml").Content);
        var name = ChartName().Match(chartYaml).Groups[1].Value;
        var request = new ValidateRequest { Name = name };
        request.Files.AddRange(files.Select(f => new ArtifactFile { Path = f.Path, Content = ByteString.CopyFrom(f.Content) }));
        return await new HelmChartHandler().Validate(request, new InProcessCallContext("Validate", CancellationToken.None));
    }

    [GeneratedRegex(@"(?m)^name:\s*[""']?([^\s""']+)")]
    private static partial Regex ChartName();
}
