using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm.Chart;
using GitOpsHQ.Plugins.Helm.Ignore;
using GitOpsHQ.Plugins.Sdk.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Loads a chart from its files as Helm does: files listed in .helmignore (and hidden files in templates/)
/// are left out, Chart.yaml is required and checked, values.yaml gives the defaults and templates/** the
/// templates. Charts with subcharts (a charts/ folder) are refused for now.
/// </summary>
internal static class ChartLoader
{
    public static LoadedChart Load(IEnumerable<ArtifactFile> artifactFiles)
    {
        var files = FileSet.From(artifactFiles);
        var ignore = HelmIgnore.For(files);
        var paths = files.Paths.Where(p => !ignore.Excludes(p)).ToList();
        if (!paths.Contains("Chart.yaml"))
        {
            throw new RenderException("Chart.yaml file is missing");
        }
        if (paths.Any(p => p.StartsWith("charts/", StringComparison.Ordinal)))
        {
            throw new RenderException("subcharts are not supported yet: the chart has a charts/ folder");
        }
        var metadata = ReadMetadata(TextOf(files, "Chart.yaml"));
        var values = paths.Contains("values.yaml")
            ? GoValuesYaml.ReadMap(TextOf(files, "values.yaml"), "values.yaml")
            : new Dictionary<string, object?>(StringComparer.Ordinal);
        var templates = paths
            .Where(p => p.StartsWith("templates/", StringComparison.Ordinal))
            .ToDictionary(p => metadata.Name + "/" + p, p => TextOf(files, p), StringComparer.Ordinal);
        var chartFiles = FilesObject.FromChart(paths.Select(p => KeyValuePair.Create(p, files.Bytes(p))), metadata.ApiVersion);
        var schema = paths.Contains(ChartLayout.ValuesSchemaFile) ? TextOf(files, ChartLayout.ValuesSchemaFile) : null;
        return new LoadedChart(metadata, values, templates) { Files = chartFiles, Schema = schema };
    }

    private static string TextOf(FileSet files, string path) =>
        files.Text(path) ?? throw new RenderException($"{path} is not UTF-8 text");

    private static ChartMetadata ReadMetadata(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new RenderException("cannot load Chart.yaml: " + e.Message, e);
        }
        var root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        var metadata = ChartMetadataReader.Read(root ?? new YamlMappingNode());
        if (metadata.ApiVersion.Length == 0)
        {
            metadata = metadata with { ApiVersion = "v1" };
        }
        Validate(metadata);
        return metadata;
    }

    private static void Validate(ChartMetadata metadata)
    {
        if (metadata.Name.Length == 0)
        {
            throw new RenderException("validation: chart.metadata.name is required");
        }
        if (metadata.Version.Length == 0)
        {
            throw new RenderException("validation: chart.metadata.version is required");
        }
        if (metadata.Type is not ("" or "application" or "library"))
        {
            throw new RenderException("validation: chart.metadata.type must be application or library");
        }
    }
}
