using System.Text.Json;
using GitOpsHQ.HelmEngine.Tests.Oracle;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Runs the oracle as <c>helm template CHART -f … FLAGS --format manifest</c> (its stdout) or <c>--format json</c>
/// (each template's rendered text), or gives its error text.
/// </summary>
internal static class HelmTemplateOracle
{
    public static (string Output, string? Error) Template(string chartDirectory, IEnumerable<string> valuesFiles, IEnumerable<string>? flags = null)
    {
        var (code, output, error) = HelmOracle.Run(
            new[] { "template", chartDirectory, "--format", "manifest" }
                .Concat(valuesFiles.SelectMany(file => new[] { "-f", file }))
                .Concat(flags ?? []));
        return code == 0 ? (output, null) : ("", error.Trim().Replace("Error: ", "", StringComparison.Ordinal));
    }

    public static (SortedDictionary<string, string> Templates, string? Error) Templates(string chartDirectory, IEnumerable<string> valuesFiles, IEnumerable<string> flags)
    {
        var (code, output, error) = HelmOracle.Run(
            new[] { "template", chartDirectory, "--format", "json" }
                .Concat(valuesFiles.SelectMany(file => new[] { "-f", file }))
                .Concat(flags));
        if (code != 0)
        {
            return (new SortedDictionary<string, string>(StringComparer.Ordinal), error.Trim().Replace("Error: ", "", StringComparison.Ordinal));
        }
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(output)!;
        return (new SortedDictionary<string, string>(map, StringComparer.Ordinal), null);
    }
}
