using GitOpsHQ.Files;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Plugins.Helm.Values;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Chart;

/// <summary>
/// Validates a chart's files: Chart.yaml, the publish version, values and their schema, and
/// every other YAML file outside templates/, the subcharts in charts/ (they must load and be declared), and the
/// templates (they must parse; they should render with the defaults).
/// Files the chart's .helmignore leaves out are not part of the chart and are not checked.
/// </summary>
internal static class ChartCheck
{
    public static async Task<ValidateResponse> Run(ValidateRequest request, CancellationToken cancellationToken)
    {
        ArtifactName.RequirePresent(request.Name);
        var files = ArtifactFiles.ToFileSet(request.Files);
        var report = new ValidationReport();
        var chart = ChartYamlCheck.Run(files, request.Name, report);
        PublishVersionCheck.Run(request.Version, chart, report);
        await ValuesCheck.Run(files, report, cancellationToken);

        var ignore = HelmIgnore.For(files);
        if (files.Contains(ChartLayout.ChartFile) && ignore.Excludes(ChartLayout.ChartFile))
        {
            report.Error(HelmIgnore.FileName, ".helmignore leaves out Chart.yaml, without which the package is not a chart.");
        }

        foreach (var path in files.Paths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ChartLayout.IsYaml(path) || ChartLayout.IsTemplate(path) || ignore.Excludes(path)
                || path is ChartLayout.ChartFile or ChartLayout.ValuesFile)
            {
                continue;
            }

            if (ChartLayout.IsReadAsYaml(path))
            {
                YamlFile.Load(files, path, report);
                continue;
            }

            // Helm reads other files only when a template asks for them, and they may hold template text for tpl:
            // what does not read as YAML is worth a look, not a refusal.
            var scratch = new ValidationReport();
            YamlFile.Load(files, path, scratch);
            foreach (var problem in scratch.Diagnostics)
            {
                var warning = problem.Clone();
                warning.Severity = Severity.Warning;
                warning.Message += " (Helm reads this file only when a template asks for it, so it is not refused)";
                report.Add(warning);
            }
        }

        var metadata = chart is null ? null : ChartMetadataReader.Read(chart);
        if (metadata is not null && !report.HasErrors)
        {
            SubchartCheck.Run(files, metadata.Name, report);
        }
        if (metadata is not null && !report.HasErrors)
        {
            await TemplateCheck.Run(files, metadata.Name, report, cancellationToken);
        }

        return report.ToResponse(metadata?.Description ?? "");
    }
}
