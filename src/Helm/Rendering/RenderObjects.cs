using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The objects templates see at the top, one set per chart of the tree: .Values (a subchart sees its own part of
/// its parent's values), .Release and .Capabilities (shared), .Chart, .Subcharts (each subchart's own objects by
/// name) and .Template (set for each template before it runs). .Files (the chart's own files).
/// </summary>
internal static class RenderObjects
{
    public static Dictionary<string, object?> Top(LoadedChart chart, Dictionary<string, object?> values, RenderOptions options) =>
        For(chart, values, Release(options), CapabilitiesObject.Create(options));

    /// <summary>The objects of <paramref name="chart"/> and, through .Subcharts, of every subchart below it.</summary>
    public static Dictionary<string, object?> For(LoadedChart chart, Dictionary<string, object?> values, object release, GoStruct capabilities)
    {
        var subcharts = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var sub in chart.Dependencies)
        {
            var subValues = values.GetValueOrDefault(sub.Name) as Dictionary<string, object?>
                ?? new Dictionary<string, object?>(StringComparer.Ordinal);
            subcharts[sub.Name] = For(sub, subValues, release, capabilities);
        }
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Release"] = release,
            ["Chart"] = ChartObject.For(chart.Metadata, chart.IsRoot),
            ["Capabilities"] = capabilities,
            ["Subcharts"] = subcharts,
            ["Files"] = chart.FilesObject,
        };
    }

    private static Dictionary<string, object?> Release(RenderOptions options) => new(StringComparer.Ordinal)
    {
        ["Name"] = options.ReleaseName,
        ["Namespace"] = options.Namespace,
        ["IsUpgrade"] = options.IsUpgrade,
        ["IsInstall"] = !options.IsUpgrade,
        ["Revision"] = (nint)1,
        ["Service"] = "Helm",
    };

    public static Dictionary<string, object?> Template(string name, string basePath) =>
        new(StringComparer.Ordinal) { ["Name"] = name, ["BasePath"] = basePath };
}
