
using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Builds the resources of one kustomization directory: its resources (files, and nested
/// kustomizations built first), then its generators, components and transformers, like kustomize's KustTarget.
/// </summary>
internal sealed class KustomizationTarget(FileSet files, IRemoteSources? remotes = null, IReadOnlyList<string>? remoteChain = null)
{
    /// <summary>How many remote bases may be nested inside one another.</summary>
    public const int MaxRemoteDepth = 10;

    private readonly List<string> _visiting = [];
    private readonly IReadOnlyList<string> _remoteChain = remoteChain ?? [];
    private string _root = "";
    private BuildMetadata _metadata = BuildMetadata.None;

    public (ResourceMap Resources, Kustomization Kustomization) Accumulate(string directory)
    {
        var kustomization = Load(directory);
        _root = directory;
        _metadata = BuildMetadata.From(kustomization.BuildMetadata);
        var resources = new ResourceMap();
        AccumulateInto(resources, directory, kustomization);
        return (resources, kustomization);
    }

    /// <summary>
    /// Adds the resources of a kustomization (or component) to <paramref name="resources"/>, runs its
    /// generators, then its components in order, then its transformers over everything gathered so far.
    /// </summary>
    private void AccumulateInto(ResourceMap resources, string directory, Kustomization kustomization)
    {
        if (_visiting.Count >= BuildLimits.Current.MaxKustomizationDepth)
        {
            throw new KustomizeBuildException(
                $"kustomizations nested deeper than the build limit of {BuildLimits.Current.MaxKustomizationDepth} levels at '{Show(directory)}'");
        }

        _visiting.Add(directory);
        foreach (var entry in kustomization.Resources)
        {
            try
            {
                AddResource(resources, directory, entry);
            }
            catch (KustomizeBuildException e)
            {
                throw new KustomizeBuildException($"accumulating resources from '{entry}': {e.Message}");
            }
        }

        foreach (var entry in kustomization.Configurations)
        {
            resources.Config.Merge(TransformerConfig.Read(ConfigFile.Text(entry, files, directory), entry));
        }

        foreach (var entry in kustomization.Crds)
        {
            resources.Config.Merge(CrdConfig.Read(ConfigFile.Text(entry, files, directory), entry));
        }

        var generatedResources = new GeneratorRunner(files, directory, kustomization).Run(resources);
        if (_metadata.Tracks)
        {
            var configuredIn = BuildMetadata.Relative(_root, KustomizationFile(directory));
            foreach (var generated in generatedResources)
            {
                generated.Origin = BuildMetadata.GeneratorOrigin(configuredIn, generated.Gvk.Kind + "Generator");
            }
        }

        RunConfiguredGenerators(resources, directory, kustomization);
        foreach (var entry in kustomization.Components)
        {
            try
            {
                AddComponent(resources, directory, entry);
            }
            catch (KustomizeBuildException e)
            {
                throw new KustomizeBuildException($"accumulating components: {e.Message}");
            }
        }

        _visiting.RemoveAt(_visiting.Count - 1);
        new TransformerChain(kustomization,
            kustomization.LegacyStrategicMergePatches.Select(entry => LegacyStrategicMerge.Load(entry, files, directory)).ToList(),
            kustomization.Patches.Select(entry => JsonPatch.Load(entry, files, directory)).ToList(),
            kustomization.LegacyJsonPatches.Select(entry => JsonPatch.Load(entry, files, directory)).ToList(),
            ReplacementReader.Resolve(kustomization.Replacements, files, directory),
            _metadata.Tracks ? BuildMetadata.Relative(_root, KustomizationFile(directory)) : null).Run(resources);
        // A directory named under transformers is built while this one still counts as visited, so naming itself (or
        // a directory that names it back) is the cycle kustomize reports, never an endless descent.
        foreach (var (step, config, configuredIn) in TransformerConfigs.Load(kustomization.Transformers, files, directory, path => BuildDirectoryFrom(directory, path)))
        {
            step(resources);
            if (_metadata.Tracks)
            {
                var transformation = new Transformation(BuildMetadata.Relative(_root, configuredIn ?? KustomizationFile(directory)), config.Text("kind") ?? "",
                    config.Map("metadata")?.Text("name"), config.Map("metadata")?.Text("namespace"));
                foreach (var resource in resources.Resources)
                {
                    resource.Transformations.Add(transformation);
                }
            }
        }

        resources.MergeVars(kustomization.Vars);
    }

    private Kustomization Load(string directory)
    {
        var file = KustomizationFile(directory);
        var kustomization = KustomizationReader.Read(file, Text(file));

        // The first openapi field met (the built kustomization's first) chooses the schema for the rest of the build: a
        // schema file, or a built-in version, which an overlay names to keep its bases' custom schemas out.
        if (kustomization.OpenApiDeclared && !CustomSchema.IsChosen)
        {
            CustomSchema.Choose(kustomization.OpenApiPath is { } schema
                ? CustomSchema.Read(ConfigFile.Text(schema, files, directory), schema, overBuiltIn: CustomSchema.BuiltInLoaded)
                : null);
        }

        return kustomization;
    }

    private void AddComponent(ResourceMap resources, string directory, string entry)
    {
        if (RemoteReference.Is(entry))
        {
            throw KustomizeBuildException.NotSupported("remote components");
        }

        var path = FilePath.Resolve(directory, entry)
            ?? throw new KustomizeBuildException($"{BuildLimits.OutsideRoot(directory, entry)}: the path leaves the artifact");
        if (files.Contains(path))
        {
            throw new KustomizeBuildException($"loader.New \"must build at directory: '{path}': file is not directory\"");
        }

        if (path.Length > 0 && !files.IsDirectory(path))
        {
            throw new KustomizeBuildException($"loader.New \"must build at directory: not a valid directory: lstat {path}: no such file or directory\"");
        }

        if (_visiting.Contains(path))
        {
            throw new KustomizeBuildException($"cycle detected: candidate root '{Show(path)}' contains visited root '{Show(path)}'");
        }

        var component = Load(path);
        if (!component.IsComponent)
        {
            throw new KustomizeBuildException($"accumulateDirectory: \"expected kind 'Component' for path '{Show(path)}' but got 'Kustomization'\"");
        }

        AccumulateInto(resources, path, component);
    }

    private void AddResource(ResourceMap resources, string directory, string entry)
    {
        if (RemoteReference.Is(entry))
        {
            resources.AppendAll(AccumulateRemote(entry).Resources);
            return;
        }

        var path = FilePath.Resolve(directory, entry)
            ?? throw new KustomizeBuildException($"{BuildLimits.OutsideRoot(directory, entry)}: the path leaves the artifact");
        if (files.Contains(path))
        {
            if (!BuildLimits.MayRead(directory, path))
            {
                throw new KustomizeBuildException(BuildLimits.OutsideRoot(directory, path));
            }

            foreach (var document in NodeReader.Documents(Text(path), path))
            {
                AddDocument(resources, document, path);
            }

            return;
        }

        if (path.Length > 0 && !files.IsDirectory(path))
        {
            throw new KustomizeBuildException($"'{path}': no such file or directory");
        }

        resources.AppendAll(BuildDirectory(path));
    }

    private ResourceMap BuildDirectoryFrom(string visited, string path)
    {
        _visiting.Add(visited);
        try
        {
            return BuildDirectory(path);
        }
        finally
        {
            _visiting.RemoveAt(_visiting.Count - 1);
        }
    }

    /// <summary>The resources of the kustomization in <paramref name="path"/>, built as a nested one.</summary>
    private ResourceMap BuildDirectory(string path)
    {
        if (_visiting.Contains(path))
        {
            throw new KustomizeBuildException($"cycle detected: candidate root '{Show(path)}' contains visited root '{Show(path)}'");
        }

        var nested = Load(path);
        if (nested.IsComponent)
        {
            throw new KustomizeBuildException($"'{Show(path)}' must resolve to a file: expected kind != 'Component' for path '{Show(path)}'");
        }

        var accumulated = new ResourceMap();
        AccumulateInto(accumulated, path, nested);
        return accumulated;
    }

    /// <summary>
    /// The generators field: each configuration of a built-in ConfigMapGenerator, SecretGenerator or IAMPolicyGenerator
    /// (inline, in a file, or the output of a kustomization directory) generates with its own options only, after the
    /// configMapGenerator and secretGenerator fields, its object added to or merged into the resources.
    /// </summary>
    private void RunConfiguredGenerators(ResourceMap resources, string directory, Kustomization kustomization)
    {
        if (kustomization.Generators.Count == 0)
        {
            return;
        }

        var source = new KeyValueSource(files, directory);
        foreach (var (config, configuredIn) in PluginConfigs.Load(kustomization.Generators, files, directory, BuildDirectory))
        {
            BuildLimits.Current.Cancellation.ThrowIfCancellationRequested();
            var kind = config.Text("kind") ?? "";
            if (BuiltinPlugins.Refusal(config, generator: true) is { } refused)
            {
                throw refused;
            }

            if (config.Text("apiVersion") != "builtin" || kind is not ("ConfigMapGenerator" or "SecretGenerator" or IamPolicyGenerator.Kind))
            {
                throw KustomizeBuildException.NotSupported(
                    $"generator plugins other than the built-in ConfigMap, Secret and IAMPolicy generators ({config.Text("apiVersion")}/{kind})");
            }

            Resource generated;
            var behavior = GeneratorBehavior.Create;
            if (kind == IamPolicyGenerator.Kind)
            {
                generated = Resource.From(IamPolicyGenerator.Generate(config), configuredIn ?? "generators");
            }
            else
            {
                var args = PluginConfigs.GeneratorArgs(config, kind[..^"Generator".Length], configuredIn ?? "generators");
                generated = Resource.From(GeneratedObject.Make(args, source.Read(args), args.Options), args.Name);
                generated.NeedsHash = !args.Options.DisableNameSuffixHash;
                behavior = args.Behavior;
            }

            if (resources.Resources.Count + 1 > BuildLimits.Current.MaxResources)
            {
                throw new KustomizeBuildException($"the build holds more than the limit of {BuildLimits.Current.MaxResources} resources");
            }

            var absorbed = GeneratorRunner.Absorb(resources, generated, behavior);
            if (_metadata.Tracks && behavior != GeneratorBehavior.Merge)
            {
                var file = configuredIn ?? KustomizationFile(directory);
                absorbed.Origin = BuildMetadata.GeneratorOrigin(BuildMetadata.Relative(_root, file), kind, config.Map("metadata")?.Text("name"));
            }
        }
    }

    /// <summary>Adds one object of a resource file; a kind ending in "List" with items adds each item instead.</summary>
    private void AddDocument(ResourceMap resources, Node document, string path)
    {
        var map = document as MapNode ?? throw new KustomizeBuildException($"{path}: missing Resource metadata (a resource must be a map, not a list or scalar)");
        if (map.Text("kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && map["items"] is { } items)
        {
            foreach (var item in items is ListNode list ? list.Items : [])
            {
                AddDocument(resources, item, path);
            }

            return;
        }

        var resource = Resource.From(map, path);
        if (!MergeSchema.Knows(resource.Gvk))
        {
            CustomSchema.LoadBuiltIn();
        }

        if (_metadata.Tracks)
        {
            resource.Origin = BuildMetadata.FileOrigin(BuildMetadata.Relative(_root, path));
        }

        resources.Append(resource);
    }

    /// <summary>A remote Git directory, built as its own root from the files the resolver gives for it.</summary>
    private (ResourceMap Resources, Kustomization Kustomization) AccumulateRemote(string entry)
    {
        var source = RemoteGitSource.Parse(entry)
            ?? throw KustomizeBuildException.NotSupported("remote files (only Git repository URLs)");
        if (remotes is null)
        {
            throw KustomizeBuildException.NotSupported("remote resources");
        }

        if (_remoteChain.Contains(source.Url + "//" + source.Directory))
        {
            throw new KustomizeBuildException($"cycle detected: remote base '{entry}' includes itself");
        }

        if (_remoteChain.Count >= MaxRemoteDepth)
        {
            throw new KustomizeBuildException($"remote bases are nested more than {MaxRemoteDepth} levels deep at '{entry}'");
        }

        var remoteFiles = remotes.Find(source) ?? throw new RemoteSourceMissingException(source.Url);
        if (source.Directory.Length > 0 && FilePath.Problem(source.Directory) is { } problem)
        {
            throw new KustomizeBuildException($"'{entry}': bad directory in the repository: {problem}");
        }

        if (source.Directory.Length > 0 && !remoteFiles.IsDirectory(source.Directory))
        {
            throw new KustomizeBuildException($"'{entry}': no such directory '{source.Directory}' in the repository");
        }

        return new KustomizationTarget(remoteFiles, remotes, [.. _remoteChain, source.Url + "//" + source.Directory])
            .Accumulate(source.Directory);
    }

    private string KustomizationFile(string directory)
    {
        var names = GitOpsHQ.Kustomize.KustomizationFile.In(files, directory);
        return names.Count switch
        {
            1 => names[0],
            0 => throw new KustomizeBuildException(
                $"unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '{Show(directory)}'"),
            _ => throw new KustomizeBuildException($"Found multiple kustomization files under: {Show(directory)}"),
        };
    }

    private string Text(string path) =>
        files.Text(path) ?? throw new KustomizeBuildException($"{path} is not UTF-8 text");

    private static string Show(string directory) => directory.Length == 0 ? "." : directory;
}
