namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// How much YAML a plugin accepts from one file before refusing it with a diagnostic:
/// deeper nesting or bigger files are treated as hostile rather than parsed.
/// </summary>
public sealed record YamlLimits(int MaxDepth = 100, int MaxBytes = 4 * 1024 * 1024)
{
    public static readonly YamlLimits Default = new();
}
