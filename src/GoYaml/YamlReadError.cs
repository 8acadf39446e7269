using YamlDotNet.Core;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// What YamlDotNet throws for text that is not valid YAML: a <see cref="YamlException"/>, and on some broken flow
/// collections an <see cref="InvalidOperationException"/> (or <see cref="ArgumentException"/>) from its scanner. Only
/// those thrown inside YamlDotNet count, so a fault of the reader's own code is never taken for bad input.
/// </summary>
public static class YamlReadError
{
    public static bool Is(Exception error) =>
        error is YamlException ||
        error is InvalidOperationException or ArgumentException && error.TargetSite?.DeclaringType?.Assembly == typeof(YamlException).Assembly;
}
