namespace GitOpsHQ.Versions;

/// <summary>A version or constraint that cannot be read, with the message Helm's semver library gives.</summary>
public sealed class VersionFormatException(string message) : FormatException(message);
