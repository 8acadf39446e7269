using System.Text.RegularExpressions;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Picks the resources a patch target names. Name and namespace match the original or the
/// current value (no namespace counts as "default"); group, version and kind match the current ones.
/// </summary>
internal sealed class ResourceSelector(PatchTarget target)
{
    private readonly Regex? _group = Pattern(target.Group);
    private readonly Regex? _version = Pattern(target.Version);
    private readonly Regex? _kind = Pattern(target.Kind);
    private readonly Regex? _name = Pattern(target.Name);
    private readonly Regex? _namespace = Pattern(target.Namespace);
    private readonly LabelSelector? _labels = target.LabelSelector.Length > 0 ? LabelSelector.Parse(target.LabelSelector) : null;
    private readonly LabelSelector? _annotations = target.AnnotationSelector.Length > 0 ? LabelSelector.Parse(target.AnnotationSelector) : null;

    public IReadOnlyList<Resource> Select(ResourceMap resources) => resources.Resources.Where(Matches).ToList();

    private bool Matches(Resource resource)
    {
        var (original, current) = (resource.OriginalId, resource.CurrentId);
        var gvk = current.Gvk;
        return (Is(_namespace, original.EffectiveNamespace) || Is(_namespace, current.EffectiveNamespace))
            && (Is(_name, original.Name) || Is(_name, current.Name))
            && Is(_group, gvk.Group) && Is(_version, gvk.Version) && Is(_kind, gvk.Kind)
            && (_labels is null || _labels.Matches(Strings(resource, "labels")))
            && (_annotations is null || _annotations.Matches(Strings(resource, "annotations")));
    }

    private static bool Is(Regex? pattern, string value) => pattern is null || pattern.IsMatch(value);

    private static Regex? Pattern(string text)
    {
        try
        {
            return text.Length == 0 ? null : new Regex($"^(?:{text})$", RegexOptions.CultureInvariant);
        }
        catch (ArgumentException)
        {
            throw new KustomizeBuildException($"error parsing regexp: invalid target pattern `{text}`");
        }
    }

    private static Dictionary<string, string> Strings(Resource resource, string field) =>
        (resource.Content.Map("metadata")?.Map(field)?.Fields ?? Enumerable.Empty<KeyValuePair<string, Node>>())
            .Where(pair => pair.Value is ScalarNode { Value: string })
            .ToDictionary(pair => pair.Key, pair => (string)((ScalarNode)pair.Value).Value!, StringComparer.Ordinal);
}
