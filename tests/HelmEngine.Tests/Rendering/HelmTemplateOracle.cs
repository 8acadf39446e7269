using GitOpsHQ.HelmEngine.Tests.Oracle;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>Runs the oracle as <c>helm template CHART -f … FLAGS --format manifest</c>: its stdout, or its error text.</summary>
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
}
