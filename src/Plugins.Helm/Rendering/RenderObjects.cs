namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>The objects templates see at the top: .Values, .Release, .Chart, .Capabilities, .Files and .Template.</summary>
internal static class RenderObjects
{
    public static Dictionary<string, object?> Top(LoadedChart chart, Dictionary<string, object?> values, RenderOptions options) =>
        new(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = options.ReleaseName,
                ["Namespace"] = options.Namespace,
                ["IsUpgrade"] = false,
                ["IsInstall"] = true,
                ["Revision"] = (nint)1,
                ["Service"] = "Helm",
            },
            ["Chart"] = ChartObject.For(chart.Metadata, isRoot: true),
            ["Capabilities"] = CapabilitiesObject.Create(),
            ["Subcharts"] = new Dictionary<string, object?>(StringComparer.Ordinal),
            ["Files"] = chart.Files,
        };

    public static Dictionary<string, object?> Template(string name, string basePath) =>
        new(StringComparer.Ordinal) { ["Name"] = name, ["BasePath"] = basePath };
}
