using Google.Protobuf;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Chart;
using GitOpsHQ.Plugins.Helm.Ignore;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Archives;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Helm.Packaging;

/// <summary>
/// A chart version as Helm distributes it: &lt;name&gt;-&lt;version&gt;.tgz with every file under
/// &lt;name&gt;/, minus what .helmignore leaves out, and Chart.yaml as the OCI config.
/// </summary>
internal static class ChartPackage
{
    public const string ContentMediaType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public const string ConfigMediaType = "application/vnd.cncf.helm.config.v1+json";

    public static PackageResponse Build(PackageRequest request)
    {
        var input = PackageInput.From(request);
        var chart = ReadChart(input);
        var ignore = HelmIgnore.For(input.Files);
        if (ignore.Excludes(ChartLayout.ChartFile))
        {
            throw InvalidRequest.Because(".helmignore leaves out Chart.yaml; a chart package needs it.");
        }

        var included = input.Files.Paths.Where(path => !ignore.Excludes(path));
        return new PackageResponse
        {
            Filename = $"{input.Name}-{input.Version}.tgz",
            MediaType = ContentMediaType,
            Content = ByteString.CopyFrom(input.Archive(included, prefix: input.Name + "/")),
            ConfigJson = ChartConfigJson.Write(chart),
            ConfigMediaType = ConfigMediaType,
            Annotations = { ChartAnnotations.For(chart) },
        };
    }

    private static ChartMetadata ReadChart(PackageInput input)
    {
        if (!input.Files.Contains(ChartLayout.ChartFile))
        {
            throw InvalidRequest.Because("The chart has no Chart.yaml at its root, so it cannot be packaged.");
        }

        var report = new ValidationReport();
        var yaml = YamlFile.Load(input.Files, ChartLayout.ChartFile, report);
        if (yaml?.Roots.FirstOrDefault() is YamlMappingNode chart)
        {
            return ChartMetadataReader.Read(chart);
        }

        var reason = report.Diagnostics.FirstOrDefault() is { } problem
            ? $"{problem.Message} (line {problem.Line}, column {problem.Column})"
            : "it is not a map of chart fields";
        throw InvalidRequest.Because($"Chart.yaml cannot be read, so the chart cannot be packaged: {reason}.");
    }
}
