using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Writes a small OCI image layout (one layer, one config, one manifest) for skopeo to copy.</summary>
public static class OciLayout
{
    public static (string ManifestDigest, string LayerDigest) Write(string folder, string tag, string fileContent)
    {
        Directory.CreateDirectory(Path.Combine(folder, "blobs", "sha256"));
        var layer = Layer(fileContent);
        var config = Encoding.UTF8.GetBytes("{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}");
        var layerDigest = Blob(folder, layer);
        var configDigest = Blob(folder, config);
        var manifest = Encoding.UTF8.GetBytes(
            $"{{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{config.Length}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{layerDigest}\",\"size\":{layer.Length}}}]}}");
        var manifestDigest = Blob(folder, manifest);
        File.WriteAllText(Path.Combine(folder, "oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        File.WriteAllText(Path.Combine(folder, "index.json"),
            $"{{\"schemaVersion\":2,\"manifests\":[{{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"{manifestDigest}\"," +
            $"\"size\":{manifest.Length},\"annotations\":{{\"org.opencontainers.image.ref.name\":\"{tag}\"}}}}]}}");
        return (manifestDigest, layerDigest);
    }

    public static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Blob(string folder, byte[] content)
    {
        var digest = Digest(content);
        File.WriteAllBytes(Path.Combine(folder, "blobs", "sha256", digest["sha256:".Length..]), content);
        return digest;
    }

    private static byte[] Layer(string fileContent)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
        {
            var entry = new UstarTarEntry(TarEntryType.RegularFile, "hello.txt") { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(fileContent)) };
            tar.WriteEntry(entry);
        }
        return buffer.ToArray();
    }
}
