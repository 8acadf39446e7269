namespace GitOpsHQ.Plugins.Sdk.Archives;

/// <summary>One file of an archive: its path inside the archive (before any prefix) and bytes.</summary>
public sealed record ArchiveEntry(string Path, byte[] Content);
