using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Plugins;

/// <summary>The artifact types the loaded plugins provide, found by kind ("charts") or REST collection ("org-charts").</summary>
public sealed class ArtifactKinds
{
    private readonly Dictionary<string, ArtifactKind> _byName = new(StringComparer.Ordinal);

    public ArtifactKinds(IEnumerable<ArtifactKind> kinds)
    {
        foreach (var kind in kinds)
        {
            if (_byName.ContainsKey(kind.Kind) || _byName.ContainsKey(kind.Collection))
                throw new InvalidOperationException($"Two plugins claim the artifact kind '{kind.Kind}' ({kind.PluginName} and {_byName[kind.Kind].PluginName}).");
            _byName[kind.Kind] = kind;
            _byName[kind.Collection] = kind;
            All.Add(kind);
        }
    }

    public List<ArtifactKind> All { get; } = [];

    public bool TryGet(string kindOrCollection, out ArtifactKind kind) =>
        _byName.TryGetValue(kindOrCollection ?? "", out kind!);

    public ArtifactKind Get(string kindOrCollection) =>
        TryGet(kindOrCollection, out var kind)
            ? kind
            : throw new ProductException(ErrorCode.CatalogUnknown,
                $"There is no catalog '{kindOrCollection}'; the catalogs are {string.Join(", ", All.Select(k => k.Collection))}.");
}
