using System.IO.Compression;
using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// tar.gz archives written header by header, so every field can be wrong: sizes (octal, base-256, not numbers, larger
/// than the data), GNU long names and PAX records, entry types, checksums, truncation; then gzip itself mutated
/// (flags, CRC, trailing members, cuts) or a highly compressible entry (a small bomb).
/// </summary>
public static class TarGen
{
    private static readonly char[] Types = ['0', '\0', '5', '1', '2', '3', '4', '6', '7', 'L', 'K', 'x', 'g', 'S', 'V', 'M', 'D', 'N', 'Z'];

    public static byte[] Generate(Random random, string prefix = "")
    {
        var tar = Tar(random, prefix);
        if (random.Next(3) == 0) tar = MutateHeaders(random, tar);
        var gz = Gzip(tar, random);
        return random.Next(5) switch
        {
            0 => MutateGzip(random, gz),
            1 when random.Next(4) == 0 => Mutator.RandomBytes(random, 2048),
            _ => gz,
        };
    }

    public static byte[] Tar(Random random, string prefix)
    {
        using var tar = new MemoryStream();
        var entries = random.Next(1, 8);
        for (var i = 0; i < entries; i++)
        {
            var name = prefix + PathGen.ArchiveName(random);
            switch (random.Next(12))
            {
                case 0:
                    Entry(tar, random, name + "/", '5', []);
                    break;
                case 1:
                    Entry(tar, random, name, random.Pick(Types), Encoding.UTF8.GetBytes(Strings.Word(random)), link: random.Pick(["../../etc/passwd", "/etc/passwd", "a", ""]));
                    break;
                case 2:
                {
                    var longName = prefix + string.Join('/', Enumerable.Range(0, 2 + random.Next(60)).Select(_ => Strings.Word(random)));
                    Entry(tar, random, "././@LongLink", 'L', Encoding.UTF8.GetBytes(longName + "\0"));
                    Entry(tar, random, longName.Length > 99 ? longName[..99] : longName, '0', Content(random));
                    break;
                }
                case 3:
                {
                    var records = new StringBuilder();
                    foreach (var (key, value) in new[] { ("path", name + random.Pick(["", "/../x", "\0x"])), (random.Pick(["size", "mtime", "uid", "linkpath", "GNU.sparse.size", "hdrcharset"]), random.Pick(["12", "-1", "99999999999999999999", "1.5", "x", ""])) })
                    {
                        var body = $" {key}={value}\n";
                        var length = body.Length + 1;
                        length += length.ToString().Length;
                        if (length.ToString().Length + body.Length != length) length++;
                        records.Append(random.Next(8) == 0 ? random.Next(200) : length).Append(body);
                    }
                    Entry(tar, random, "PaxHeaders/" + name, random.Next(4) == 0 ? 'g' : 'x', Encoding.UTF8.GetBytes(records.ToString()));
                    Entry(tar, random, name, '0', Content(random));
                    break;
                }
                default:
                    Entry(tar, random, name, random.Next(10) == 0 ? '\0' : '0', Content(random));
                    break;
            }
        }
        if (random.Next(6) != 0) tar.Write(new byte[1024]); // the end-of-archive blocks, usually
        return tar.ToArray();
    }

    /// <summary>A well-formed tar.gz of regular files (a package a client would push).</summary>
    public static byte[] Package(IEnumerable<(string Path, string Text)> files)
    {
        using var tar = new MemoryStream();
        var random = new Random(0);
        foreach (var (path, text) in files) Entry(tar, random, path, '0', Encoding.UTF8.GetBytes(text));
        tar.Write(new byte[1024]);
        return Gzip(tar.ToArray());
    }

    private static byte[] Content(Random random)
    {
        if (random.Next(25) == 0) return new byte[random.Next(2) == 0 ? 2 * 1024 * 1024 : 5 * 1024 * 1024]; // compressible, over the limits
        return Encoding.UTF8.GetBytes(random.Next(3) == 0 ? YamlGen.Text(random, 3) : Strings.Word(random) + "\n");
    }

    private static void Entry(MemoryStream tar, Random random, string name, char type, byte[] content, string link = "")
    {
        var header = new byte[512];
        var nameBytes = Encoding.UTF8.GetBytes(name);
        if (nameBytes.Length > 100 && random.Next(2) == 0)
        {
            // ustar prefix/name split at a '/'
            var split = name.LastIndexOf('/', Math.Min(name.Length - 1, 154));
            if (split > 0)
            {
                Put(header, 345, 155, Encoding.UTF8.GetBytes(name[..split]));
                nameBytes = Encoding.UTF8.GetBytes(name[(split + 1)..]);
            }
        }
        Put(header, 0, 100, nameBytes);
        Put(header, 100, 8, Encoding.ASCII.GetBytes("0000644\0"));
        Put(header, 108, 8, Encoding.ASCII.GetBytes("0000000\0"));
        Put(header, 116, 8, Encoding.ASCII.GetBytes("0000000\0"));
        Put(header, 124, 12, Encoding.ASCII.GetBytes(Convert.ToString(content.Length, 8).PadLeft(11, '0') + "\0"));
        Put(header, 136, 12, Encoding.ASCII.GetBytes("14712345670\0"));
        header[156] = (byte)type;
        Put(header, 157, 100, Encoding.UTF8.GetBytes(link));
        Put(header, 257, 8, random.Next(6) == 0 ? Encoding.ASCII.GetBytes("ustar  \0") : Encoding.ASCII.GetBytes("ustar\u000000"));
        Checksum(header);
        tar.Write(header);
        tar.Write(content);
        tar.Write(new byte[(512 - content.Length % 512) % 512]);
    }

    private static void Put(byte[] header, int at, int length, byte[] value) => Array.Copy(value, 0, header, at, Math.Min(length, value.Length));

    private static void Checksum(byte[] header)
    {
        for (var i = 148; i < 156; i++) header[i] = (byte)' ';
        var sum = header.Sum(b => b);
        Put(header, 148, 8, Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 "));
    }

    /// <summary>Rewrites fields of the archive's headers (found at 512-byte blocks that look like headers).</summary>
    public static byte[] MutateHeaders(Random random, byte[] tar)
    {
        var headers = Enumerable.Range(0, tar.Length / 512).Select(b => b * 512)
            .Where(at => tar[at + 257] == (byte)'u' && tar[at + 258] == (byte)'s').ToList();
        if (headers.Count == 0) return Mutator.Mutate(random, tar);
        var data = (byte[])tar.Clone();
        var steps = 1 + random.Next(3);
        for (var s = 0; s < steps; s++)
        {
            var at = random.Pick(headers);
            var fixSum = random.Next(4) != 0;
            switch (random.Next(8))
            {
                case 0:
                    Put(data, at + 124, 12, Encoding.ASCII.GetBytes(random.Pick(["77777777777\0", "00000001000\0", "0000000000x\0", "-1\0", "           \0",
                        Convert.ToString(random.Next(1, 1 << 20), 8).PadLeft(11, '0') + "\0"])));
                    break;
                case 1:
                {
                    // base-256 size
                    data[at + 124] = 0x80;
                    for (var i = 125; i < 136; i++) data[at + i] = (byte)random.Next(256);
                    break;
                }
                case 2:
                    data[at + 156] = (byte)random.Pick(Types);
                    break;
                case 3:
                    Put(data, at, 100, Encoding.UTF8.GetBytes(PathGen.Path(random) + "\0"));
                    break;
                case 4:
                    fixSum = false;
                    data[at + 148 + random.Next(8)] = (byte)random.Next(256);
                    break;
                case 5:
                    Put(data, at + 100, 8, Encoding.ASCII.GetBytes(random.Pick(["7777777\0", "x\0", "0004755\0"])));
                    break;
                case 6:
                    Put(data, at + 136, 12, Encoding.ASCII.GetBytes(random.Pick(["77777777777\0", "\0", "99999999999\0"])));
                    break;
                default:
                    data[at + random.Next(512)] = (byte)random.Next(256);
                    break;
            }
            if (fixSum)
            {
                var header = data.AsSpan(at, 512).ToArray();
                Checksum(header);
                header.CopyTo(data, at);
            }
        }
        return random.Next(5) == 0 ? data[..random.Next(data.Length + 1)] : data;
    }

    public static byte[] Gzip(byte[] content, Random? random = null)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, random?.Next(2) == 0 ? CompressionLevel.Fastest : CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(content);
        return buffer.ToArray();
    }

    public static byte[] MutateGzip(Random random, byte[] gz)
    {
        var data = (byte[])gz.Clone();
        switch (random.Next(6))
        {
            case 0: return data[..random.Next(data.Length + 1)];
            case 1:
                data[3] = (byte)random.Next(256); // flags: FEXTRA, FNAME, FCOMMENT, FHCRC claimed without their fields
                return data;
            case 2: return [.. data, .. data]; // a second member
            case 3: return [.. data, .. Mutator.RandomBytes(random, 64)];
            case 4:
                if (data.Length > 8) data[^(1 + random.Next(8))] ^= 0xff; // CRC or size
                return data;
            default: return Mutator.Mutate(random, data);
        }
    }
}
