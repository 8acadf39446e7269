using GitOpsHQ.Files;
using Google.Protobuf;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Plugins.Sdk;
using GitOpsHQ.Plugins.Sdk.Archives;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Json;

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

    /// <summary>
    /// The files of a pushed chart package (the chart folder's contents, without Helm's &lt;name&gt;/ folder) and the
    /// name and version its Chart.yaml declares.
    /// </summary>
    public static UnpackResponse Unpack(UnpackRequest request)
    {
        SafeArchive.RequireMediaType(request, ContentMediaType, "Helm chart");
        var files = SafeArchive.Extract(request);
        var top = files.Select(f => f.Path.Split('/')[0]).Distinct().ToList();
        if (top.Count != 1 || !files.Any(f => f.Path == $"{top[0]}/{ChartLayout.ChartFile}"))
        {
            throw InvalidRequest.Because("A chart package holds one folder with Chart.yaml in it (as helm package makes it).");
        }

        files = SafeArchive.WithoutPrefix(files, top[0]);
        var chart = ReadChart(ArtifactFiles.ToFileSet(files), "unpacked");
        return new UnpackResponse { Files = { files }, Name = chart.Name, Version = chart.Version };
    }

    private static ChartMetadata ReadChart(PackageInput input) => ReadChart(input.Files, "packaged");

    private static ChartMetadata ReadChart(FileSet files, string what)
    {
        if (!files.Contains(ChartLayout.ChartFile))
        {
            throw InvalidRequest.Because($"The chart has no Chart.yaml at its root, so it cannot be {what}.");
        }

        var report = new ValidationReport();
        var yaml = YamlFile.Load(files, ChartLayout.ChartFile, report);
        if (yaml?.Roots.FirstOrDefault() is YamlMappingNode chart)
        {
            return ChartMetadataReader.Read(chart);
        }

        var reason = report.Diagnostics.FirstOrDefault() is { } problem
            ? $"{problem.Message} (line {problem.Line}, column {problem.Column})"
            : "it is not a map of chart fields";
        throw InvalidRequest.Because($"Chart.yaml cannot be read, so the chart cannot be {what}: {reason}.");
    }
}
