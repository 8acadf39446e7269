namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>The resources of a build in the order they were added; ids are unique.</summary>
internal sealed class ResourceMap
{
    private readonly List<Resource> _resources = [];

    public IReadOnlyList<Resource> Resources => _resources;

    public void Append(Resource resource)
    {
        var id = resource.CurrentId;
        if (_resources.Any(existing => existing.CurrentId.SameAs(id)))
        {
            throw new KustomizeBuildException($"may not add resource with an already registered id: {id}");
        }

        if (_resources.Count >= BuildLimits.Current.MaxResources)
        {
            throw new KustomizeBuildException($"the build holds more than the limit of {BuildLimits.Current.MaxResources} resources");
        }

        _resources.Add(resource);
    }

    /// <summary>Takes a resource out of the build (a patch deleted it).</summary>
    public void Remove(Resource resource) => _resources.Remove(resource);

    public void AppendAll(ResourceMap other)
    {
        foreach (var resource in other.Resources)
        {
            Append(resource);
        }
    }

    /// <summary>Fails when two resources ended up with the same id after a transformer.</summary>
    public void CheckUnique(string transformer)
    {
        for (var i = 0; i < _resources.Count; i++)
        {
            for (var j = i + 1; j < _resources.Count; j++)
            {
                if (_resources[i].CurrentId.SameAs(_resources[j].CurrentId))
                {
                    throw new KustomizeBuildException($"{transformer} transformation produces ID conflict: {_resources[i].CurrentId}");
                }
            }
        }
    }

    public void Reorder(IEnumerable<Resource> order)
    {
        var sorted = order.ToList();
        _resources.Clear();
        _resources.AddRange(sorted);
    }
}
