using GitOpsHQ.Plugins.Sdk.Files;

namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// Runs the configMapGenerator then the secretGenerator entries of one kustomization, after its
/// resources are gathered and before its transformers: each generated object is added, or merged
/// into (or replaces the data of) the resource it names.
/// </summary>
internal sealed class GeneratorRunner(FileSet files, string directory, Kustomization kustomization)
{
    public void Run(ResourceMap resources)
    {
        var source = new KeyValueSource(files, directory);
        foreach (var args in kustomization.ConfigMapGenerators.Concat(kustomization.SecretGenerators))
        {
            var options = args.Options.Under(kustomization.GeneratorOptions);
            var generated = Resource.From(GeneratedObject.Make(args, source.Read(args), options), args.Name);
            generated.NeedsHash = !options.DisableNameSuffixHash;
            Absorb(resources, generated, args.Behavior);
        }
    }

    private static void Absorb(ResourceMap resources, Resource generated, GeneratorBehavior behavior)
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
            return;
        }

        if (existing is null)
        {
            throw new KustomizeBuildException($"merging from generator: id {id} does not exist; cannot merge or replace");
        }

        existing.ReplaceContent(GeneratedMerge.Into(existing.Content, generated.Content, behavior == GeneratorBehavior.Merge));
        existing.NeedsHash = existing.NeedsHash && generated.NeedsHash;
    }
}
