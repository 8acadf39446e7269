using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.Plugins.Helm.Template;

/// <summary>
/// <c>helm template</c>'s arguments as a render request carries them: values files in <c>values</c>, flags as
/// options named like the flags without dashes (those of <see cref="TemplateFlags"/>; a repeatable flag takes one
/// value per line, a switch true or false).
/// </summary>
public static class TemplateArguments
{
    /// <summary>The render options a request asks for; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public static RenderOptions From(RenderRequest request)
    {
        foreach (var key in request.Options.Keys)
        {
            if (TemplateFlags.All.All(flag => flag.Name != key))
            {
                throw new ArgumentException(
                    $"unknown render option '{key}'; Helm charts take {string.Join(", ", TemplateFlags.All.Select(flag => flag.Name))}");
            }
        }

        var given = request.Options.ToDictionary(
            option => option.Key,
            option => (IReadOnlyList<string>)(TemplateFlags.Find(option.Key)!.Shape switch
            {
                TemplateFlagShape.Values => Lines(option.Value),
                TemplateFlagShape.Switch => [Switch(option.Key, option.Value) ? "true" : "false"],
                _ => [option.Value],
            }),
            StringComparer.Ordinal);
        return TemplateFlags.Apply(new RenderOptions { ValuesFiles = [.. request.Values] }, given);
    }

    private static List<string> Lines(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0)];

    private static bool Switch(string key, string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => throw new ArgumentException($"render option '{key}' must be true or false, not '{text}'"),
    };
}
