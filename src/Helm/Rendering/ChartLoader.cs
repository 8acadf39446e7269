using System.Text;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Loads a chart from its files as Helm does: files listed in .helmignore (and hidden files in templates/)
/// are left out, Chart.yaml is required and checked, values.yaml gives the defaults, templates/** the
/// templates and crds/ the CRDs; a requirements.yaml (Helm 2's place for them) gives the dependencies. Each folder or <c>.tgz</c> archive in charts/ is loaded the same way as a
/// subchart (recursively; names starting with <c>_</c> or <c>.</c> are skipped), in path order.
/// </summary>
public static class ChartLoader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static LoadedChart Load(FileSet files)
    {
        var ignore = HelmIgnore.For(files);
        var chartFiles = files.Paths
            .Where(p => !ignore.Excludes(p))
            .Select(p => new ChartFile(p, files.Bytes(p)))
            .ToList();
        return FromFiles(chartFiles, 0, new ChartArchive.ArchiveBudget());
    }

    private static LoadedChart FromFiles(IReadOnlyList<ChartFile> files, int depth, ChartArchive.ArchiveBudget budget)
    {
        if (depth > ChartArchive.ArchiveBudget.MaxDepth)
        {
            throw new RenderException($"subcharts are nested more than {ChartArchive.ArchiveBudget.MaxDepth} deep");
        }
        var chartYaml = files.FirstOrDefault(f => f.Path == "Chart.yaml")
            ?? throw new RenderException("Chart.yaml file is missing");
        var metadata = ReadMetadata(TextOf(chartYaml));
        if (files.FirstOrDefault(f => f.Path == "requirements.yaml") is { } requirements
            && ReadRoot(TextOf(requirements), "requirements.yaml") is { } root
            && root.Children.ContainsKey(new YamlScalarNode("dependencies")))
        {
            metadata = metadata with { Dependencies = ChartMetadataReader.Read(root).Dependencies };
        }
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        var crds = new List<ChartFile>();
        var others = new List<ChartFile>();
        var subcharts = new List<(string Name, List<ChartFile> Files)>();
        string? schema = null;
        foreach (var file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            switch (file.Path)
            {
                case "values.schema.json":
                    schema = TextOf(file);
                    continue;
                case "Chart.yaml" or "Chart.lock":
                    continue;
                case "requirements.yaml" or "requirements.lock" when metadata.ApiVersion != "v1":
                    continue;
                case "values.yaml":
                    values = GoValuesYaml.ReadMap(TextOf(file), "values.yaml");
                    continue;
            }
            if (file.Path.StartsWith("templates/", StringComparison.Ordinal))
            {
                templates[file.Path] = TextOf(file);
            }
            else if (file.Path.StartsWith("charts/", StringComparison.Ordinal) && !file.Path.EndsWith(".prov", StringComparison.Ordinal))
            {
                var rest = file.Path["charts/".Length..];
                var name = rest.Split('/')[0];
                if (subcharts.Count == 0 || subcharts[^1].Name != name)
                {
                    subcharts.Add((name, []));
                }
                subcharts[^1].Files.Add(file with { Path = rest });
            }
            else
            {
                if (file.Path.StartsWith("crds/", StringComparison.Ordinal)
                    && Path.GetExtension(file.Path).ToLowerInvariant() is ".yaml" or ".yml" or ".json")
                {
                    crds.Add(file);
                }
                others.Add(file);
            }
        }
        var chart = new LoadedChart(metadata, values, templates, crds.OrderBy(f => f.Path, FolderOrder.Instance).ToList(), others) { Schema = schema };
        chart.SetDependencies(subcharts
            .Where(s => !s.Name.StartsWith('_') && !s.Name.StartsWith('.'))
            .Select(s => Subchart(chart.Name, s.Name, s.Files, depth, budget)));
        return chart;
    }

    private static LoadedChart Subchart(string parent, string name, List<ChartFile> files, int depth, ChartArchive.ArchiveBudget budget)
    {
        try
        {
            if (name.EndsWith(".tgz", StringComparison.Ordinal))
            {
                if (files[0].Path != name)
                {
                    throw new RenderException($"error unpacking subchart tar in {parent}: expected {name}, got {files[0].Path}");
                }
                return FromFiles(ChartArchive.Read(files[0].Content, name, budget), depth + 1, budget);
            }
            var inside = files
                .Where(f => f.Path.Contains('/'))
                .Select(f => f with { Path = f.Path[(f.Path.IndexOf('/') + 1)..] })
                .ToList();
            return FromFiles(inside, depth + 1, budget);
        }
        catch (RenderException e) when (!e.Message.StartsWith("error unpacking subchart tar", StringComparison.Ordinal))
        {
            throw new RenderException($"error unpacking subchart {name} in {parent}: {e.Message}", e);
        }
    }

    /// <summary>The order Helm walks a chart folder in: names sorted within each folder (so <c>a/x</c> before <c>a-b</c>).</summary>
    private sealed class FolderOrder : IComparer<string>
    {
        public static readonly FolderOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = (x ?? "").Split('/');
            var b = (y ?? "").Split('/');
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var c = string.CompareOrdinal(a[i], b[i]);
                if (c != 0)
                {
                    return c;
                }
            }
            return a.Length.CompareTo(b.Length);
        }
    }

    private static string TextOf(ChartFile file)
    {
        if (Array.IndexOf(file.Content, (byte)0) < 0)
        {
            try
            {
                var text = StrictUtf8.GetString(file.Content);
                return text.StartsWith('\uFEFF') ? text[1..] : text;
            }
            catch (DecoderFallbackException)
            {
            }
        }
        throw new RenderException($"{file.Path} is not UTF-8 text");
    }

    private static YamlMappingNode? ReadRoot(string text, string name)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (Exception e) when (GoYaml.YamlReadError.Is(e))
        {
            throw new RenderException($"cannot load {name}: " + e.Message, e);
        }
        return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }

    private static ChartMetadata ReadMetadata(string text)
    {
        var metadata = ChartMetadataReader.Read(ReadRoot(text, "Chart.yaml") ?? new YamlMappingNode());
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
        if (SemanticVersion.TryParse(metadata.Version) is null)
        {
            throw new RenderException($"validation: chart.metadata.version \"{metadata.Version}\" is invalid");
        }
        if (metadata.Type is not ("" or "application" or "library"))
        {
            throw new RenderException("validation: chart.metadata.type must be application or library");
        }
    }
}
