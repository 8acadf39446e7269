using GitOpsHQ.Files;
using GitOpsHQ.Plugins.Sdk.Kubernetes;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;

namespace GitOpsHQ.Plugins.Manifests.Bundles;

/// <summary>
/// Validates a manifest bundle: every manifest file is YAML, every document a Kubernetes object
/// with apiVersion, kind and metadata.name, and no object defined twice across the bundle
/// (same group, kind, namespace and name). Other files, such as a README, are not read.
/// </summary>
internal static class BundleCheck
{
    public static ValidationReport Run(FileSet files, CancellationToken cancellationToken)
    {
        var report = new ValidationReport();
        var firstSeen = new Dictionary<ObjectIdentity, (string File, long Line)>();
        var manifests = files.Paths.Where(BundleLayout.IsManifest).ToList();
        foreach (var path in manifests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (YamlFile.Load(files, path, report) is not { } yaml)
            {
                continue;
            }

            foreach (var document in yaml.Roots)
            {
                foreach (var (identity, node) in KubernetesObject.Read(document, path, report))
                {
                    if (firstSeen.TryGetValue(identity, out var first))
                    {
                        report.Error(path, node,
                            $"{identity} is defined twice: {path} line {node.Start.Line} and {first.File} line {first.Line}.");
                    }
                    else
                    {
                        firstSeen.Add(identity, (path, node.Start.Line));
                    }
                }
            }
        }

        if (manifests.Count == 0)
        {
            report.Warning("", "The bundle has no manifests: add .yaml files holding Kubernetes objects.");
        }
        else if (firstSeen.Count == 0 && !report.HasErrors)
        {
            report.Warning("", "The bundle's manifest files hold no Kubernetes objects.");
        }

        return report;
    }
}
