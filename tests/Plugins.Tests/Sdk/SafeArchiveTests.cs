using System.IO.Compression;
using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk.Archives;
using Google.Protobuf;
using Grpc.Core;

namespace GitOpsHQ.Plugins.Tests.Sdk;

/// <summary>Archive headers are bounded before anything is allocated for them; decompression stops at the limit.</summary>
public sealed class SafeArchiveTests
{
    private static byte[] Header(string name, char type, long size)
    {
        var header = new byte[512];
        Encoding.ASCII.GetBytes(name).CopyTo(header, 0);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(header, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(header, 116);
        Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0").CopyTo(header, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(header, 136);
        header[156] = (byte)type;
        Encoding.ASCII.GetBytes("ustar  \0").CopyTo(header, 257);
        "        "u8.ToArray().CopyTo(header, 148);
        var sum = header.Sum(b => (int)b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(header, 148);
        return header;
    }

    private static UnpackRequest Request(byte[] tar)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(tar);
        return new UnpackRequest
        {
            Name = "x", MediaType = FluxArtifact.ContentMediaType, Content = ByteString.CopyFrom(compressed.ToArray()),
            MaxFileBytes = 1 << 20, MaxArtifactBytes = 8 << 20, MaxFiles = 100,
        };
    }

    [Theory]
    [InlineData('L', "GNU long name")]
    [InlineData('x', "PAX")]
    public void A_metadata_header_claiming_a_gigabyte_is_refused_before_it_is_read(char type, string what)
    {
        var tar = Header("././@LongLink", type, 1L << 30).Concat(new byte[1024]).ToArray();
        var refused = Assert.Throws<RpcException>(() => SafeArchive.Extract(Request(tar)));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(what, refused.Status.Detail);
        Assert.Contains("1073741824", refused.Status.Detail);
    }

    [Fact]
    public void A_gzip_bomb_stops_at_the_artifact_limit()
    {
        // 64 MiB of zeros inside one file entry compresses to a few kilobytes.
        var tar = Header("big.bin", '0', 64L << 20).Concat(new byte[64 << 20]).ToArray();
        var refused = Assert.Throws<RpcException>(() => SafeArchive.Extract(Request(tar)));
        Assert.Contains("more than", refused.Status.Detail);
    }

    [Fact]
    public void An_ordinary_archive_unpacks()
    {
        var content = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"u8.ToArray();
        var tar = Header("cm.yaml", '0', content.Length).Concat(content).Concat(new byte[512 - content.Length]).Concat(new byte[1024]).ToArray();
        var files = SafeArchive.Extract(Request(tar));
        Assert.Equal("cm.yaml", Assert.Single(files).Path);
        Assert.Equal(content, files[0].Content.ToByteArray());
    }
}
