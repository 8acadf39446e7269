using System.Text;
using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// The built-in <c>kustomize build</c>: renders the kustomization at a directory of an artifact's
/// files to the YAML stream <c>kubectl kustomize</c> (Kustomize v5.5) prints for it.
/// </summary>
public static class KustomizeBuild
{
    /// <summary>
    /// Builds <paramref name="root"/> ("" for the artifact root); throws <see cref="KustomizeBuildException"/>, or
    /// <see cref="RemoteSourceMissingException"/> when a remote base is referenced that <paramref name="remotes"/>
    /// does not hold (without <paramref name="remotes"/>, remote bases are refused).
    /// </summary>
    public static string Run(FileSet files, string root = "", IRemoteSources? remotes = null) =>
        Run(files, root, BuildLimits.Default, remotes);

    /// <summary>Builds <paramref name="root"/> within <paramref name="limits"/>; throws <see cref="KustomizeBuildException"/>.</summary>
    public static string Run(FileSet files, string root, BuildLimits limits, IRemoteSources? remotes = null)
    {
        using var scope = limits.Apply();
        // A lazily read file set (a local checkout) is measured by what is in memory: the build reads only what it uses.
        var total = files.LoadedPaths.Sum(path => (long)files.Bytes(path).Length);
        if (total > limits.MaxInputBytes)
        {
            throw new KustomizeBuildException(
                $"the artifact's files hold {total} bytes, over the build limit of {limits.MaxInputBytes} bytes");
        }

        root = root.Trim('/');
        if (root is "." or "./")
        {
            root = "";
        }

        if (root.Length > 0 && FilePath.Problem(root) is { } problem)
        {
            throw new KustomizeBuildException($"Bad root directory: {problem}.");
        }

        CustomSchema.Reset();
        try
        {
            return Build(files, root, remotes);
        }
        finally
        {
            CustomSchema.Reset();
        }
    }

    private static string Build(FileSet files, string root, IRemoteSources? remotes)
    {
        var (resources, kustomization) = new KustomizationTarget(files, remotes).Accumulate(root);
        NameHashTransformer.Transform(resources);
        new NameReferenceTransformer(resources, resources.Config.NameReferences).Transform();
        VarResolver.Resolve(resources, [.. VarReferences.Defaults, .. resources.Config.VarReferences]);
        DropLocalConfig(resources);
        Sort(resources, kustomization.SortOptions);
        var metadata = BuildMetadata.From(kustomization.BuildMetadata);
        var output = new StringBuilder();
        foreach (var resource in resources.Resources)
        {
            if (output.Length > 0)
            {
                output.Append("---\n");
            }

            metadata.Apply(resource);
            resource.RewriteAnnotations();
            output.Append(ResourceText.Print(resource.Content));
        }

        return output.ToString();
    }

    /// <summary>
    /// Resources annotated config.kubernetes.io/local-config (other than "false") take part in the whole build, as
    /// sources of names and values, and are left out of its output.
    /// </summary>
    private static void DropLocalConfig(ResourceMap resources)
    {
        foreach (var resource in resources.Resources.ToList())
        {
            if (resource.Content.Map("metadata")?.Map("annotations")?["config.kubernetes.io/local-config"] is ScalarNode value
                && !(value.Value is string text ? text == "false" : value.Value is false))
            {
                resources.Remove(resource);
            }
        }
    }

    private static void Sort(ResourceMap resources, SortOptions? options)
    {
        if (options is { Legacy: false })
        {
            return;
        }

        var order = new LegacyOrder(options?.OrderFirst, options?.OrderLast);
        resources.Reorder(resources.Resources.Order(order));
    }
}
