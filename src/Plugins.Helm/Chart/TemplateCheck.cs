using GitOpsHQ.Files;
using System.Text.RegularExpressions;
using GitOpsHQ.GoTemplate;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// Checks a chart's templates as <c>helm lint</c> does: each template must parse (an error, with Go's wording, file
/// and line), and the chart should render with its default values (a warning otherwise — charts may require values
/// their users give — with the file, line and column of the failing action).
/// </summary>
internal static partial class TemplateCheck
{
    private static readonly TimeSpan RenderLimit = TimeSpan.FromSeconds(10);

    public static async Task Run(FileSet files, string chartName, ValidationReport report,
        CancellationToken cancellationToken)
    {
        var ignore = HelmIgnore.For(files);
        var parsed = true;
        var functions = HelmFunctions.Create();
        foreach (var path in files.Paths.Where(p => ChartLayout.IsTemplate(p) && !ignore.Excludes(p)).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (files.Text(path) is not { } text)
            {
                continue;
            }
            var name = chartName + "/" + path;
            try
            {
                new TemplateSet(functions: functions).Option("missingkey=zero").Parse(name, text);
            }
            catch (TemplateParseException e)
            {
                report.Error(path, HelmErrorText.Parse(name, e), e.Line);
                parsed = false;
            }
        }
        if (!parsed)
        {
            return;
        }

        try
        {
            await ChartRenderer.RenderAsync(files, new RenderOptions { Timeout = RenderLimit, CancellationToken = cancellationToken });
        }
        catch (RenderException e) when (Location().Match(e.Message) is { Success: true } at)
        {
            var file = at.Groups[1].Value.IndexOf('/') is var slash and > 0 ? at.Groups[1].Value[(slash + 1)..] : "";
            report.Warning(file, $"the chart does not render with its default values: {e.Message}",
                int.Parse(at.Groups[2].Value), at.Groups[3].Success ? int.Parse(at.Groups[3].Value) : 0);
        }
        catch (RenderException e) when (YamlOutput().Match(e.Message) is { Success: true } at)
        {
            // The rendered output is not YAML Helm can read (helm lint: "unable to parse YAML").
            var file = at.Groups[1].Value.IndexOf('/') is var slash and > 0 ? at.Groups[1].Value[(slash + 1)..] : "";
            report.Warning(file, $"the chart does not render with its default values: {e.Message}");
        }
        catch (RenderException)
        {
            // Not a template's failure (dependencies not vendored yet, a kube version, a library chart): other checks
            // speak of the chart's files, and rendering reports these when it is asked for.
        }
    }

    // "error at (web/templates/a.yaml:12:5)" in Helm's wording, or "template: web/templates/a.yaml:12:5:" in Go's.
    [GeneratedRegex(@"(?:error at \(|template: )([^\s():]+/templates/[^\s():]+):(\d+)(?::(\d+))?")]
    private static partial Regex Location();

    // "YAML parse error on web/templates/a.yaml: …".
    [GeneratedRegex(@"^YAML parse error on ([^\s():]+/templates/[^\s():]+): ")]
    private static partial Regex YamlOutput();
}
