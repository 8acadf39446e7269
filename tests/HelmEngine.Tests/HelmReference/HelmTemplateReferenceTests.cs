using GitOpsHQ.Files;
using GitOpsHQ.HelmEngine.Tests.Rendering;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// Real <c>helm template</c> (Helm 3.13) as a second reference for the engine: every case of the differential corpora
/// that renders without random, clock or key functions is rendered by the engine with the same release name,
/// namespace, values files, --set flags and Kubernetes version as helm was given, and compared with what helm printed
/// (committed as helm-template.json beside the case): byte-for-byte output, or the same error (schema violations as a
/// list per chart, since Helm 3.13 orders them at random). When the rendered output is not YAML, helm's <c>--debug</c>
/// printout of every template is compared too. Differences owed to the Helm release are listed in
/// <see cref="KnownDifferences"/>.
/// <para>
/// With the Helm client present (../shared/tools/helm beside the repository, or $HELM_BINARY) the committed runs are
/// checked against it; with <c>HELM_REFERENCE_REGENERATE=1</c> they are rewritten from it into the sources:
/// <c>HELM_REFERENCE_REGENERATE=1 dotnet test tests/HelmEngine.Tests --filter "FullyQualifiedName~HelmReference"</c>.
/// </para>
/// </summary>
public class HelmTemplateReferenceTests
{
    public const string Kind = "template";

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in ReferenceCase.All().Where(c => !c.NeedsDeterministicStandIns))
        {
            data.Add(c.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Engine_renders_as_helm_template(string id)
    {
        var @case = ReferenceCase.Parse(id);
        var helm = HelmExpectations.Require(@case, Kind);
        Assert.Equal(@case.TemplateArguments(), helm.Args);
        Assert.Equal(HelmClient.Version, helm.Helm);
        var files = ChartFiles.From(@case.ChartDirectory);
        var options = @case.EngineOptions();

        if (KnownDifferences.HelmFailures.SingleOrDefault(f => f.Case == id) is { } known)
        {
            Assert.NotEqual(0, helm.ExitCode);
            Assert.Contains(known.HelmError, helm.Error, StringComparison.Ordinal);
            // The engine renders every template (whether the output then is valid YAML is compared with the oracle).
            Assert.NotEmpty(ChartRenderer.RenderTemplates(FileSet.From(files), options));
            return;
        }

        if (helm.ExitCode == 0)
        {
            var expected = KnownDifferences.ApplyTo(id, helm.Stdout);
            var actual = ChartRenderer.Render(FileSet.From(files), options);
            Assert.True(expected == actual,
                $"differs at {HelmExpectations.FirstDifference(expected, actual)}\n--- helm ---\n{expected}\n--- engine ---\n{actual}");
            return;
        }

        Assert.NotEqual("", helm.Error);
        var failure = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(files), options));
        var expectedError = HelmExpectations.ComparableError(KnownDifferences.ApplyTo(id, helm.Error + "\n"));
        var actualError = HelmExpectations.ComparableError(failure.Message);
        Assert.True(expectedError == actualError || KnownDifferences.OtherYamlSyntaxErrorFirst(id, expectedError, actualError),
            $"the errors differ\n--- helm ---\n{expectedError}\n--- engine ---\n{actualError}");

        if (helm.DebugStdout is { Length: > 0 } debug)
        {
            var (expectedTemplates, last) = HelmExpectations.DebugTemplates(KnownDifferences.ApplyTo(id, debug));
            var actualTemplates = ChartRenderer.RenderTemplates(FileSet.From(files), options)
                .Where(t => !string.IsNullOrWhiteSpace(t.Value) && !t.Key.EndsWith("NOTES.txt", StringComparison.Ordinal))
                .ToDictionary(t => t.Key, t => t.Value);
            Assert.Equal(expectedTemplates.Keys, actualTemplates.Keys.Order(StringComparer.Ordinal));
            foreach (var (name, text) in expectedTemplates)
            {
                // helm trims the end of its whole printout, so the last template printed is compared without trailing space.
                var (left, right) = name == last ? (text.TrimEnd(), actualTemplates[name].TrimEnd()) : (text, actualTemplates[name]);
                Assert.True(left == right,
                    $"{name} differs at {HelmExpectations.FirstDifference(left, right)}\n--- helm ---\n{left}\n--- engine ---\n{right}");
            }
        }
    }

    /// <summary>The committed run is what the Helm client prints now (or is rewritten from it in regenerate mode).</summary>
    [HelmTheory]
    [MemberData(nameof(Cases))]
    public void Committed_run_is_what_helm_template_prints(string id)
    {
        var @case = ReferenceCase.Parse(id);
        var args = @case.TemplateArguments();
        var (code, stdout, stderr) = HelmClient.Run(@case.Directory, args);
        string? debug = null;
        if (code != 0)
        {
            var (_, debugStdout, _) = HelmClient.Run(@case.Directory, [.. args, "--debug"]);
            debug = HelmExpectations.DebugTemplates(debugStdout).Templates.Count > 0 ? debugStdout : null;
        }
        var run = new HelmRun { Args = args, ExitCode = code, Stdout = stdout, Stderr = stderr, DebugStdout = debug };

        if (HelmClient.Regenerating)
        {
            HelmExpectations.Save(@case, Kind, run);
            return;
        }
        var committed = HelmExpectations.Require(@case, Kind);
        Assert.Equal(committed.Args, run.Args);
        Assert.Equal(committed.ExitCode, run.ExitCode);
        Assert.Equal(committed.Stdout, run.Stdout);
        Assert.Equal(HelmExpectations.ComparableError(committed.Error), HelmExpectations.ComparableError(run.Error));
        if (debug is not null)
        {
            // The printout's order is Go's map order; each template's text is compared.
            Assert.Equal(
                HelmExpectations.DebugTemplates(committed.DebugStdout ?? "").Templates.ToDictionary(t => t.Key, t => t.Value.TrimEnd()),
                HelmExpectations.DebugTemplates(debug).Templates.ToDictionary(t => t.Key, t => t.Value.TrimEnd()));
        }
    }

    [Fact]
    public void Every_known_difference_is_still_in_helms_output()
    {
        foreach (var r in KnownDifferences.Replacements)
        {
            var helm = HelmExpectations.Require(ReferenceCase.Parse(r.Case), Kind);
            Assert.True((helm.Stdout + helm.Stderr + helm.DebugStdout).Contains(r.Helm, StringComparison.Ordinal), $"{r.Case}: helm no longer prints {r.Helm}");
        }
    }

    [Fact]
    public void Without_a_kube_version_the_engine_sees_v1_36_where_helm_3_13_sees_v1_28()
    {
        var @case = new ReferenceCase("HelmReferenceCharts", "capabilities-helm-defaults");
        var helm = HelmExpectations.Require(@case, Kind);
        var engine = ChartRenderer.Render(FileSet.From(ChartFiles.From(@case.ChartDirectory)), RenderOptions.Default);

        Assert.Contains("  version: v1.28.0\n  major: \"1\"\n  minor: \"28\"\n", helm.Stdout, StringComparison.Ordinal);
        Assert.Contains("  version: v1.36.0\n  major: \"1\"\n  minor: \"36\"\n", engine, StringComparison.Ordinal);
    }

    [Fact]
    public void The_comparison_covers_the_corpora()
    {
        var cases = ReferenceCase.All().ToList();
        Assert.True(cases.Count(c => c.Corpus == "HelmReferenceCharts") >= 10);
        Assert.True(cases.Count(c => !c.NeedsDeterministicStandIns) >= 70);
    }
}
