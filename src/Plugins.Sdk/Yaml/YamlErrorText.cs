using System.Text.RegularExpressions;
using YamlDotNet.Core;

namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>The message of a YAML error without the position prefix the parser puts in front of it.</summary>
public static partial class YamlErrorText
{
    public static string Of(YamlException error)
    {
        var message = PositionPrefix().Replace(error.Message, "").Trim();
        if (message.Length == 0 && error.InnerException is { } inner)
        {
            message = inner.Message;
        }

        return message.Length == 0 ? "invalid YAML" : message;
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*", RegexOptions.CultureInvariant)]
    private static partial Regex PositionPrefix();
}
