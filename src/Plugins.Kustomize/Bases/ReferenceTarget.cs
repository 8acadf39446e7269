using GitOpsHQ.Files;
using GitOpsHQ.Kustomize;

namespace GitOpsHQ.Plugins.Kustomize.Bases;

/// <summary>
/// A local path a kustomization refers to, resolved inside the base, checked against what the
/// referring field expects it to be.
/// </summary>
internal sealed class ReferenceTarget(FileSet files, string path)
{
    private bool IsFile => files.Contains(path);

    private bool IsKustomization => KustomizationFile.In(files, path).Count > 0;

    private bool IsDirectory => path.Length == 0 || files.IsDirectory(path);

    public void Check(Reference reference, string file, BaseCheck check)
    {
        switch (reference.Kind)
        {
            case ReferenceKind.Resource when IsFile:
            case ReferenceKind.ResourceFile when IsFile:
                check.ResourceFile(path);
                break;
            case ReferenceKind.Resource or ReferenceKind.FileOrKustomization when IsKustomization:
                check.Kustomization(file, reference, path, asComponent: false);
                break;
            case ReferenceKind.Component when IsKustomization:
                check.Kustomization(file, reference, path, asComponent: true);
                break;
            case ReferenceKind.File or ReferenceKind.FileOrKustomization when IsFile:
                check.PlainFile(path);
                break;
            case ReferenceKind.Component when IsFile:
                check.Refuse(file, reference, "is a file; components are directories with a kustomization of kind Component");
                break;
            case ReferenceKind.Resource or ReferenceKind.Component or ReferenceKind.FileOrKustomization when IsDirectory:
                check.Refuse(file, reference, "is a directory without a kustomization.yaml");
                break;
            case ReferenceKind.File or ReferenceKind.ResourceFile when IsDirectory:
                check.Refuse(file, reference, "is a directory; this field needs a file");
                break;
            default:
                check.Refuse(file, reference, "does not exist in the base");
                break;
        }
    }
}
