using GitOpsHQ.Plugins.Kustomize.Bases;
using GitOpsHQ.Plugins.Sdk.Files;

namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>
/// Builds the resources of one kustomization directory: its resources (files, and nested
/// kustomizations built first), then its generators and transformers, like kustomize's KustTarget.
/// </summary>
internal sealed class KustomizationTarget(FileSet files, IRemoteSources? remotes = null, IReadOnlyList<string>? remoteChain = null)
{
    /// <summary>How many remote bases may be nested inside one another.</summary>
    public const int MaxRemoteDepth = 10;

    private readonly List<string> _visiting = [];
    private readonly IReadOnlyList<string> _remoteChain = remoteChain ?? [];

    public (ResourceMap Resources, Kustomization Kustomization) Accumulate(string directory)
    {
        if (_visiting.Count >= BuildLimits.Current.MaxKustomizationDepth)
        {
            throw new KustomizeBuildException(
                $"kustomizations nested deeper than the build limit of {BuildLimits.Current.MaxKustomizationDepth} levels at '{Show(directory)}'");
        }

        var file = KustomizationFile(directory);
        var kustomization = KustomizationReader.Read(file, Text(file));
        _visiting.Add(directory);
        var resources = new ResourceMap();
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

        _visiting.RemoveAt(_visiting.Count - 1);
        new GeneratorRunner(files, directory, kustomization).Run(resources);
        new TransformerChain(kustomization,
            kustomization.LegacyStrategicMergePatches.Select(entry => LegacyStrategicMerge.Load(entry, files, directory)).ToList(),
            kustomization.Patches.Select(entry => JsonPatch.Load(entry, files, directory)).ToList(),
            kustomization.LegacyJsonPatches.Select(entry => JsonPatch.Load(entry, files, directory)).ToList()).Run(resources);
        return (resources, kustomization);
    }

    private void AddResource(ResourceMap resources, string directory, string entry)
    {
        if (RemoteReference.Is(entry))
        {
            resources.AppendAll(AccumulateRemote(entry).Resources);
            return;
        }

        var path = ArtifactPath.Resolve(directory, entry)
            ?? throw new KustomizeBuildException($"security; file '{entry}' is not in or below '{Show(directory)}': the path leaves the artifact");
        if (files.Contains(path))
        {
            if (directory.Length > 0 && !path.StartsWith(directory + "/", StringComparison.Ordinal))
            {
                throw new KustomizeBuildException($"security; file '{path}' is not in or below '{Show(directory)}'");
            }

            foreach (var document in NodeReader.Documents(Text(path), path))
            {
                var map = document as MapNode ?? throw new KustomizeBuildException($"{path}: missing Resource metadata (a resource must be a map, not a list or scalar)");
                if (map.Text("kind") is { } kind && kind.EndsWith("List", StringComparison.Ordinal) && map["items"] is not null)
                {
                    throw KustomizeBuildException.NotSupported("resource lists (kind: " + kind + ")");
                }

                resources.Append(Resource.From(map, path));
            }

            return;
        }

        if (path.Length > 0 && !files.IsDirectory(path))
        {
            throw new KustomizeBuildException($"'{path}': no such file or directory");
        }

        if (_visiting.Contains(path))
        {
            throw new KustomizeBuildException($"cycle detected: candidate root '{Show(path)}' contains visited root '{Show(path)}'");
        }

        resources.AppendAll(Accumulate(path).Resources);
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
        if (source.Directory.Length > 0 && ArtifactPath.Problem(source.Directory) is { } problem)
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
        var names = Bases.KustomizationFile.In(files, directory);
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
