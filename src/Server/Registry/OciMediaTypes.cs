namespace GitOpsHQ.Server.Registry;

public static class OciMediaTypes
{
    public const string ImageManifest = "application/vnd.oci.image.manifest.v1+json";
    public const string ImageIndex = "application/vnd.oci.image.index.v1+json";
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    public static readonly string[] Manifests = [ImageManifest, ImageIndex, DockerManifest, DockerManifestList];

    public static bool IsIndex(string mediaType) => mediaType is ImageIndex or DockerManifestList;
}
