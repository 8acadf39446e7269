using GitOpsHQ.Files;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk.Files;

namespace GitOpsHQ.Plugins.Sdk.Archives;

/// <summary>
/// A checked PackageRequest: the name and version are usable in a file name, the files have
/// good paths and the timestamp fits an archive. Anything else is InvalidArgument.
/// </summary>
public sealed record PackageInput(string Name, string Version, FileSet Files, DateTimeOffset Timestamp)
{
    public static PackageInput From(PackageRequest request)
    {
        ArtifactName.RequirePresent(request.Name);
        if (request.Version.Length == 0)
        {
            throw InvalidRequest.Because("The version to package is required.");
        }

        if (!request.Version.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' or '_'))
        {
            throw InvalidRequest.Because(
                $"The version '{request.Version}' cannot be part of a file name: use letters, digits, '.', '-', '+' and '_'.");
        }

        if (request.Timestamp < 0 || request.Timestamp > DeterministicArchive.LatestTimestamp.ToUnixTimeSeconds())
        {
            throw InvalidRequest.Because(
                $"The timestamp {request.Timestamp} is out of range: give the commit time as Unix seconds since 1970.");
        }

        return new PackageInput(
            request.Name,
            request.Version,
            ArtifactFiles.ToFileSet(request.Files),
            DateTimeOffset.FromUnixTimeSeconds(request.Timestamp));
    }

    /// <summary>The deterministic archive of the given files of this input, under <paramref name="prefix"/>.</summary>
    public byte[] Archive(IEnumerable<string> paths, string prefix = "")
    {
        try
        {
            return DeterministicArchive.Create(paths.Select(path => new ArchiveEntry(path, Files.Bytes(path))), Timestamp, prefix);
        }
        catch (ArgumentException error)
        {
            throw InvalidRequest.Because(error.Message);
        }
    }
}
