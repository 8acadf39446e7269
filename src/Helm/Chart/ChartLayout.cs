namespace GitOpsHQ.Helm.Chart;

/// <summary>Where things live in a chart's file tree.</summary>
public static class ChartLayout
{
    public const string ChartFile = "Chart.yaml";
    public const string ValuesFile = "values.yaml";
    public const string ValuesSchemaFile = "values.schema.json";

    /// <summary>
    /// True for a file the template engine reads: anything under templates/ of the chart or of a
    /// subchart kept in charts/&lt;name&gt;/. Such files are Go templates, not YAML.
    /// </summary>
    public static bool IsTemplate(string path)
    {
        var segments = path.Split('/');
        var i = 0;
        while (i + 2 < segments.Length && segments[i] == "charts")
        {
            i += 2;
        }

        return i < segments.Length - 1 && segments[i] == "templates";
    }

    /// <summary>
    /// True for a YAML file Helm itself reads as YAML, in the chart or in a subchart kept in charts/&lt;name&gt;/: its
    /// Chart.yaml, values.yaml, and the custom resource definitions under crds/. Other files are read only when a
    /// template asks for them (<c>.Files.Get</c>, often through <c>tpl</c>), and may hold template text.
    /// </summary>
    public static bool IsReadAsYaml(string path)
    {
        var segments = path.Split('/');
        var i = 0;
        while (i + 2 < segments.Length && segments[i] == "charts")
        {
            i += 2;
        }

        var rest = segments[i..];
        return rest is [ChartFile] or [ValuesFile] || (rest.Length > 1 && rest[0] == "crds" && IsYaml(path));
    }

    public static bool IsYaml(string path) =>
        path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal);
}
