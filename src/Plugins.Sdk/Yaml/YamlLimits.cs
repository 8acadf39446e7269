namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// How much YAML a plugin accepts from one file before refusing it with a diagnostic:
/// deeper nesting or bigger files are treated as hostile rather than parsed.
/// </summary>
/// <param name="MaxExpandedNodes">Values a file may stand for once its aliases are expanded (each alias counts its whole
/// anchored value again): the bound that refuses alias bombs, which Kubernetes and Helm clients would refuse too.</param>
public sealed record YamlLimits(int MaxDepth = 100, int MaxBytes = 4 * 1024 * 1024, int MaxExpandedNodes = 5_000_000)
{
    public static readonly YamlLimits Default = new();
}
