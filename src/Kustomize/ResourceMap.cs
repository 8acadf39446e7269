namespace GitOpsHQ.Kustomize;

/// <summary>The resources of a build in the order they were added (ids are unique), and the vars declared with them.</summary>
internal sealed class ResourceMap
{
    private readonly List<Resource> _resources = [];

    // The ids of the resources, kept while resources are only appended: a kustomization appends all its
    // resources before its transformers rename any, and every change of order or membership drops it.
    private HashSet<(Gvk Gvk, string Name, string Namespace)>? _ids;

    public IReadOnlyList<Resource> Resources => _resources;

    /// <summary>The transformer configuration of the kustomizations gathered so far.</summary>
    public TransformerConfig Config { get; } = new();

    /// <summary>The vars declared by the kustomizations gathered so far; names are unique.</summary>
    public List<Var> Vars { get; } = [];

    /// <summary>
    /// Adds a kustomization's vars: each is tied to the one resource it names (by any of its ids), and
    /// a name already declared fails.
    /// </summary>
    public void MergeVars(IReadOnlyList<Var> incoming)
    {
        foreach (var v in incoming)
        {
            var matched = _resources.Where(r => r.AllIds.Any(v.Refers)).ToList();
            if (matched.Count > 1)
            {
                throw new KustomizeBuildException($"found {matched.Count} resId matches for var {v} (unable to disambiguate)");
            }

            if (matched.Count == 1)
            {
                matched[0].VarNames.Add(v.Name);
            }
        }

        foreach (var v in incoming)
        {
            AddVar(v, $"merging vars [{string.Join(" ", incoming)}]: ");
        }
    }

    private void AddVar(Var v, string context)
    {
        if (Vars.Any(known => known.Name == v.Name))
        {
            throw new KustomizeBuildException($"{context}var '{v.Name}' already encountered");
        }

        Vars.Add(v);
    }

    public void Append(Resource resource)
    {
        var id = resource.CurrentId;
        _ids ??= _resources.Select(existing => Key(existing.CurrentId)).ToHashSet();
        if (_ids.Contains(Key(id)))
        {
            throw new KustomizeBuildException($"may not add resource with an already registered id: {id}");
        }

        BuildLimits.Current.Cancellation.ThrowIfCancellationRequested();
        if (_resources.Count >= BuildLimits.Current.MaxResources)
        {
            throw new KustomizeBuildException($"the build holds more than the limit of {BuildLimits.Current.MaxResources} resources");
        }

        _ids.Add(Key(id));
        _resources.Add(resource);
    }

    /// <summary>Takes a resource out of the build (a patch deleted it).</summary>
    public void Remove(Resource resource)
    {
        _resources.Remove(resource);
        _ids = null;
    }

    public void AppendAll(ResourceMap other)
    {
        foreach (var resource in other.Resources)
        {
            Append(resource);
        }

        foreach (var v in other.Vars)
        {
            AddVar(v, "");
        }

        Config.Merge(other.Config);
    }

    /// <summary>Fails when two resources ended up with the same id after a transformer.</summary>
    public void CheckUnique(string transformer)
    {
        _ids = null;
        var first = new Dictionary<(Gvk Gvk, string Name, string Namespace), ResourceId>();
        foreach (var resource in _resources)
        {
            var id = resource.CurrentId;
            if (!first.TryAdd(Key(id), id))
            {
                throw new KustomizeBuildException($"{transformer} transformation produces ID conflict: {first[Key(id)]}");
            }
        }
    }

    public void Reorder(IEnumerable<Resource> order)
    {
        var sorted = order.ToList();
        _resources.Clear();
        _resources.AddRange(sorted);
        _ids = null;
    }

    // Two ids are the same resource when kind, name and effective namespace agree (see ResourceId.SameAs).
    private static (Gvk Gvk, string Name, string Namespace) Key(ResourceId id) => (id.Gvk, id.Name, id.EffectiveNamespace);
}
