namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>One YAML document of a rendered template, with the kind it declares and whether it is a hook.</summary>
internal sealed record ManifestDocument(string Source, string Content, string Kind, bool IsHook);
