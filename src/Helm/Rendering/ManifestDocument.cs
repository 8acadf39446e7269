namespace GitOpsHQ.Helm.Rendering;

/// <summary>One YAML document of a rendered template, with the kind it declares, whether it is a hook and whether a test hook.</summary>
internal sealed record ManifestDocument(string Source, string Content, string Kind, bool IsHook, bool IsTest = false);
