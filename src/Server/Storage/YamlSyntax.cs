using YamlDotNet.Core;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// What YamlDotNet throws for text that is not valid YAML: a <see cref="YamlException"/>, and on some broken flow
/// collections an <see cref="InvalidOperationException"/> or <see cref="ArgumentException"/> from its scanner (only those
/// thrown inside YamlDotNet, so the server's own faults are never taken for bad input). The engines' rule is GoYaml's
/// YamlReadError; the server does not reference the engines.
/// </summary>
public static class YamlSyntax
{
    public static bool IsError(Exception error) =>
        error is YamlException ||
        error is InvalidOperationException or ArgumentException && error.TargetSite?.DeclaringType?.Assembly == typeof(YamlException).Assembly;
}
