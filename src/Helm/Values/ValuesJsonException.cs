using YamlDotNet.Core;

namespace GitOpsHQ.Helm.Values;

/// <summary>Values that cannot be turned into JSON, and where.</summary>
public sealed class ValuesJsonException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}
