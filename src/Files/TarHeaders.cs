namespace GitOpsHQ.Files;

/// <summary>
/// A first pass over the headers of a (decompressed) tar stream, before any entry is read by a tar reader: metadata
/// headers (GNU long names and link names, PAX attributes) are bounded before anything is allocated for them, and the
/// stream is read no further than <c>maxBytes</c>, so neither a header claiming a gigabyte nor a gzip bomb costs memory.
/// </summary>
public static class TarHeaders
{
    /// <summary>Largest GNU long-name or PAX header an archive may carry: names and attributes, never content.</summary>
    public const int MaxMetadataBytes = 64 * 1024;

    /// <summary>What is wrong with the archive's headers, or null when a tar reader may go through it.</summary>
    public static string? Problem(Stream tar, long maxBytes)
    {
        var header = new byte[512];
        var skip = new byte[64 * 1024];
        long consumed = 0;
        while (true)
        {
            var read = tar.ReadAtLeast(header, 512, throwOnEndOfStream: false);
            if (read < 512) return null;
            consumed += 512;
            if (consumed > maxBytes) return $"the archive unpacks to more than {maxBytes} bytes";
            if (header.All(b => b == 0)) continue;
            var size = Size(header);
            if (size < 0) return "a header's size is not a number";
            var type = (char)header[156];
            if (type is 'L' or 'K' or 'x' or 'g' && size > MaxMetadataBytes)
            {
                var what = type is 'L' or 'K' ? "GNU long name" : "PAX";
                return $"a {what} header claims {size} bytes, over the limit of {MaxMetadataBytes} bytes for names and attributes";
            }
            for (var left = (size + 511) / 512 * 512; left > 0;)
            {
                var chunk = tar.Read(skip, 0, (int)Math.Min(skip.Length, left));
                if (chunk == 0) return null;
                left -= chunk;
                consumed += chunk;
                if (consumed > maxBytes) return $"the archive unpacks to more than {maxBytes} bytes";
            }
        }
    }

    /// <summary>The size field of a tar header: octal text, or base-256 when its first byte has the high bit set; -1 when it is neither.</summary>
    private static long Size(byte[] header)
    {
        if ((header[124] & 0x80) != 0) return long.MaxValue; // base-256 sizes are beyond any limit here
        long size = 0;
        for (var i = 124; i < 136; i++)
        {
            var c = header[i];
            if (c is 0 or (byte)' ') continue;
            if (c is < (byte)'0' or > (byte)'7') return -1;
            size = size * 8 + (c - '0');
            if (size > long.MaxValue / 16) return long.MaxValue;
        }
        return size;
    }
}
