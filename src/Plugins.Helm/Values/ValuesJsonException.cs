using YamlDotNet.Core;

namespace GitOpsHQ.Plugins.Helm.Values;

/// <summary>Values that cannot be turned into JSON, and where.</summary>
internal sealed class ValuesJsonException(Mark at, string message) : Exception(message)
{
    public Mark At { get; } = at;
}
