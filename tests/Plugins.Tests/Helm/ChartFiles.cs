using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Tests.Helm;

/// <summary>A small valid chart to break one rule at a time.</summary>
internal static class ChartFiles
{
    public const string Name = "web";

    public const string ChartYaml = """
        apiVersion: v2
        name: web
        description: The web frontend
        type: application
        version: 1.2.0
        appVersion: "3.1"
        """;

    public static List<ArtifactFile> Minimal(string chartYaml = ChartYaml) => Artifact.Files(
        ("Chart.yaml", chartYaml),
        ("values.yaml", "replicaCount: 2\nimage:\n  repository: nginx\n"),
        ("templates/deployment.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n"));
}
