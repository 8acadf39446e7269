using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Runs the configMapGenerator then the secretGenerator entries of one kustomization, after its
/// resources are gathered and before its transformers: each generated object is added, or merged
/// into (or replaces the data of) the resource it names.
/// </summary>
internal sealed class GeneratorRunner(FileSet files, string directory, Kustomization kustomization)
{
    /// <summary>Runs the generators; returns each resource made or replaced (a merge keeps its resource's origin).</summary>
    public IReadOnlyList<Resource> Run(ResourceMap resources)
    {
        var originated = new List<Resource>();
        // Each creating generator adds a resource: over the limit is refused at once, not after thousands of them ran.
        var creating = kustomization.ConfigMapGenerators.Concat(kustomization.SecretGenerators).Count(g => g.Behavior == GeneratorBehavior.Create);
        if (resources.Resources.Count + creating > BuildLimits.Current.MaxResources)
        {
            throw new KustomizeBuildException($"the build holds more than the limit of {BuildLimits.Current.MaxResources} resources");
        }
        var source = new KeyValueSource(files, directory);
        foreach (var args in kustomization.ConfigMapGenerators.Concat(kustomization.SecretGenerators))
        {
            BuildLimits.Current.Cancellation.ThrowIfCancellationRequested();
            var options = args.Options.Under(kustomization.GeneratorOptions);
            var generated = Resource.From(GeneratedObject.Make(args, source.Read(args), options), args.Name);
            generated.NeedsHash = !options.DisableNameSuffixHash;
            var absorbed = Absorb(resources, generated, args.Behavior);
            if (args.Behavior != GeneratorBehavior.Merge)
            {
                originated.Add(absorbed);
            }
        }

        return originated;
    }

    internal static Resource Absorb(ResourceMap resources, Resource generated, GeneratorBehavior behavior)
    {
        var id = generated.CurrentId;
        var existing = resources.Resources.FirstOrDefault(r => r.AllIds.Any(known => known.SameAs(id)));
        if (behavior == GeneratorBehavior.Create)
        {
            if (existing is not null)
            {
                throw new KustomizeBuildException($"merging from generator: id {id} exists; behavior must be merge or replace");
            }

            resources.Append(generated);
            return generated;
        }

        if (existing is null)
        {
            throw new KustomizeBuildException($"merging from generator: id {id} does not exist; cannot merge or replace");
        }

        existing.ReplaceContent(GeneratedMerge.Into(existing.Content, generated.Content, behavior == GeneratorBehavior.Merge));
        existing.NeedsHash = existing.NeedsHash && generated.NeedsHash;
        return existing;
    }
}
