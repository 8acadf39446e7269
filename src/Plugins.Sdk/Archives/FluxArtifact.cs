using Google.Protobuf;
using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Sdk.Archives;

/// <summary>
/// Packages a plain file tree the way Flux publishes OCI artifacts: a .tar.gz of every file
/// at the archive root, with Flux's media types, an empty config, and the source annotation Flux
/// requires (the server adds the revision).
/// </summary>
public static class FluxArtifact
{
    public const string ContentMediaType = "application/vnd.cncf.flux.content.v1.tar+gzip";
    public const string ConfigMediaType = "application/vnd.cncf.flux.config.v1+json";
    public const string SourceAnnotation = "org.opencontainers.image.source";

    /// <summary>The files of a pushed Flux artifact: the archive's whole tree; the version comes from the tag.</summary>
    public static UnpackResponse Unpack(UnpackRequest request, string kindName)
    {
        SafeArchive.RequireMediaType(request, ContentMediaType, kindName);
        return new UnpackResponse { Files = { SafeArchive.Extract(request) } };
    }

    public static PackageResponse Package(PackageRequest request)
    {
        var input = PackageInput.From(request);
        return new PackageResponse
        {
            Filename = $"{input.Name}-{input.Version}.tar.gz",
            MediaType = ContentMediaType,
            Content = ByteString.CopyFrom(input.Archive(input.Files.Paths)),
            ConfigJson = "{}",
            ConfigMediaType = ConfigMediaType,
            Annotations = { [SourceAnnotation] = request.Source == "" ? $"{input.Name}@{input.Version}" : request.Source },
        };
    }
}
