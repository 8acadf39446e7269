using GitOpsHQ.GoYaml;
using GitOpsHQ.Files;
using GitOpsHQ.Plugins.Sdk.Files;
using GitOpsHQ.Plugins.Sdk.Kubernetes;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;
using YamlDotNet.RepresentationModel;
using GitOpsHQ.Kustomize;

namespace GitOpsHQ.Plugins.Kustomize.Bases;

/// <summary>
/// Validates a Kustomize base: one kustomization at the root, and every path it (or a
/// kustomization it includes) refers to present inside the base, with resource files holding
/// Kubernetes objects. Remote references are allowed but only noted.
/// </summary>
internal sealed class BaseCheck(FileSet files, ValidationReport report)
{
    /// <summary>Kustomizations including kustomizations deeper than the build allows are refused.</summary>
    public static int MaxNesting => BuildLimits.Default.MaxKustomizationDepth;

    private readonly HashSet<string> _checkedDirectories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly HashSet<string> _checkedFiles = new(StringComparer.Ordinal);

    public void Run()
    {
        var roots = KustomizationFile.In(files, "");
        if (roots.Count == 0)
        {
            report.Error("", "The base has no kustomization.yaml at its root (kustomization.yml and Kustomization also work).");
            return;
        }

        Directory("", asComponent: false);
    }

    private void Directory(string directory, bool asComponent)
    {
        if (!_checkedDirectories.Add(directory))
        {
            return;
        }

        _inProgress.Add(directory);
        var names = KustomizationFile.In(files, directory);
        if (names.Count > 1)
        {
            report.Error(names[0], $"{string.Join(" and ", names)} are both present; kustomize needs exactly one kustomization file per directory.");
        }

        if (Load(names[0]) is { } kustomization)
        {
            CheckKind(names[0], kustomization, asComponent);
            CheckFieldNames(names[0], kustomization);
            foreach (var reference in new KustomizationReader(names[0], report).References(kustomization))
            {
                Follow(names[0], directory, reference);
            }
        }

        _inProgress.Remove(directory);
    }

    private YamlMappingNode? Load(string file)
    {
        var yaml = YamlFile.Load(files, file, report);
        if (yaml is null)
        {
            return null;
        }

        var root = yaml.Roots.FirstOrDefault();
        if (yaml.Documents.Count > 1)
        {
            report.Error(file, yaml.Documents[1].RootNode, $"{file} must hold a single YAML document.");
        }

        if (root is YamlMappingNode map)
        {
            return map;
        }

        report.Error(file, root?.Start ?? default, root is null
            ? $"{file} is empty; it needs at least resources."
            : $"{file} must be a map of kustomization fields, not {root.Describe()}.");
        return null;
    }

    private void CheckKind(string file, YamlMappingNode kustomization, bool asComponent)
    {
        var kindNode = kustomization.Get("kind");
        var kind = kindNode.ScalarText();
        if (asComponent && kind != "Component")
        {
            report.Error(file, kindNode ?? kustomization, $"{file} is used as a component, so it needs kind: Component.");
        }
        else if (!asComponent && kind is not null && kind != "Kustomization")
        {
            report.Error(file, kindNode!, $"kind must be Kustomization here, not '{kind}'.");
        }
    }

    private void CheckFieldNames(string file, YamlMappingNode kustomization)
    {
        foreach (var key in kustomization.Children.Keys)
        {
            if (key.ScalarText() is not { } name || !KustomizationFields.Known.Contains(name))
            {
                report.Error(file, key, $"Unknown field '{key.ScalarText() ?? key.Describe()}'; kustomize refuses kustomizations with fields it does not know.");
            }
        }
    }

    private void Follow(string file, string directory, Reference reference)
    {
        if (RemoteReference.Is(reference.Target))
        {
            report.Warning(file, reference.Node,
                $"{reference.Field}: '{reference.Target}' is remote; it is not checked here and builds need it to be reachable.");
            return;
        }

        var path = ArtifactPath.Resolve(directory, reference.Target);
        if (path is null)
        {
            report.Error(file, reference.Node,
                $"{reference.Field}: '{reference.Target}' is outside the base; a base may only refer to its own files (or to remote URLs).");
            return;
        }

        new ReferenceTarget(files, path).Check(reference, file, this);
    }

    internal void Refuse(string file, Reference reference, string problem) =>
        report.Error(file, reference.Node, $"{reference.Field}: '{reference.Target}' {problem}.");

    internal void Kustomization(string file, Reference reference, string path, bool asComponent)
    {
        if (_inProgress.Contains(path))
        {
            Refuse(file, reference, "includes a kustomization that includes this one (a cycle)");
            return;
        }

        if (_inProgress.Count >= MaxNesting)
        {
            Refuse(file, reference, $"nests kustomizations more than {MaxNesting} levels deep");
            return;
        }

        Directory(path, asComponent);
    }

    internal void ResourceFile(string path)
    {
        if (!_checkedFiles.Add(path) || YamlFile.Load(files, path, report) is not { } yaml)
        {
            return;
        }

        var documents = 0;
        foreach (var document in yaml.Roots)
        {
            documents++;
            KubernetesObject.Read(document, path, report);
        }

        if (documents == 0)
        {
            report.Warning(path, $"{path} holds no Kubernetes objects.");
        }
    }

    internal void PlainFile(string path)
    {
        var yaml = path.EndsWith(".yaml", StringComparison.Ordinal) || path.EndsWith(".yml", StringComparison.Ordinal)
            || path.EndsWith(".json", StringComparison.Ordinal);
        if (yaml && _checkedFiles.Add(path))
        {
            YamlFile.Load(files, path, report);
        }
    }
}
