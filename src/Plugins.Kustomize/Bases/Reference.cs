using YamlDotNet.RepresentationModel;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Kustomize.Bases;

/// <summary>What a kustomization expects a referenced path to be.</summary>
internal enum ReferenceKind
{
    /// <summary>A resource file, or a directory holding a kustomization (resources, bases).</summary>
    Resource,

    /// <summary>A directory holding a kustomization of kind Component.</summary>
    Component,

    /// <summary>A file holding resources (crds): checked like a resource file.</summary>
    ResourceFile,

    /// <summary>Any file (patches, generator sources, openapi schemas, replacements).</summary>
    File,

    /// <summary>A plugin configuration file, or a directory holding a kustomization (generators, transformers, validators).</summary>
    FileOrKustomization,
}

/// <summary>
/// A local path or remote URL written in a kustomization file, with the field it came from
/// ("resources[1]") and the node, for the line of messages.
/// </summary>
internal sealed record Reference(string Field, string Target, ReferenceKind Kind, YamlNode Node);
