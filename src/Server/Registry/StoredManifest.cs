namespace GitOpsHQ.Server.Registry;

/// <summary>A manifest as served: its bytes, digest and media type.</summary>
public sealed record StoredManifest(byte[] Content, string Digest, string MediaType);

/// <summary>A manifest that names another as its subject, as the referrers API lists it.</summary>
public sealed record ReferrerDescriptor(string MediaType, string Digest, long Size, string? ArtifactType, Dictionary<string, string>? Annotations);
