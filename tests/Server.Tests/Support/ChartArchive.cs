using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>A chart packaged as `helm package` lays it out (&lt;name&gt;/...), for push tests.</summary>
public static class ChartArchive
{
    /// <summary>The time every file is stamped with, so the same chart packages to the same bytes.</summary>
    private static readonly DateTimeOffset Packaged = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static byte[] Create(string name, string version, string? extraTemplate = null, Action<TarWriter>? extra = null)
    {
        var files = new Dictionary<string, string>
        {
            ["Chart.yaml"] = $"apiVersion: v2\nname: {name}\ndescription: Pushed with helm\ntype: application\nversion: {version}\nappVersion: \"1.0\"\n",
            ["values.yaml"] = "replicaCount: 1\n",
            ["templates/configmap.yaml"] = extraTemplate ?? "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
        };
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar))
        {
            foreach (var (path, content) in files)
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, $"{name}/{path}")
                {
                    DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)), ModificationTime = Packaged,
                });
            extra?.Invoke(tar);
        }
        return buffer.ToArray();
    }

    public static byte[] Config(string name, string version) =>
        Encoding.UTF8.GetBytes($"{{\"name\":\"{name}\",\"version\":\"{version}\",\"description\":\"Pushed with helm\",\"apiVersion\":\"v2\",\"appVersion\":\"1.0\",\"type\":\"application\"}}");

    public static byte[] Manifest(string configDigest, int configSize, string layerDigest, int layerSize, string name, string version) =>
        Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.cncf.helm.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{configSize}}}," +
            $"\"layers\":[{{\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\",\"digest\":\"{layerDigest}\",\"size\":{layerSize}}}]," +
            $"\"annotations\":{{\"org.opencontainers.image.created\":\"2026-01-01T00:00:00Z\",\"org.opencontainers.image.title\":\"{name}\",\"org.opencontainers.image.version\":\"{version}\"}}}}");
}
