using YamlDotNet.Core;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Values;

/// <summary>
/// Where values were written in values.yaml, by value path ("image.tag", "hosts[0]"). A path
/// that has no position of its own (a missing key) takes the nearest enclosing value's.
/// </summary>
internal sealed class ValuePositions(IReadOnlyDictionary<string, Mark> marks)
{
    public bool TryGetValue(string path, out Mark mark)
    {
        var current = path;
        while (true)
        {
            if (marks.TryGetValue(current, out mark))
            {
                return true;
            }

            if (current.Length == 0)
            {
                return false;
            }

            current = current[..Math.Max(0, Math.Max(current.LastIndexOf('.'), current.LastIndexOf('[')))];
        }
    }
}
