using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.Cli;

/// <summary>
/// <c>--output-dir DIR</c>: each printed object written to DIR/&lt;its source path&gt;, the first object of a file replacing
/// what the file held and the next ones added after it, each reported as "wrote DIR/path", as Helm writes them.
/// </summary>
internal static class OutputDirectory
{
    public static void Write(string folder, IReadOnlyList<ManifestEntry> entries)
    {
        var root = Path.GetFullPath(folder);
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var file = Path.GetFullPath(Path.Combine(root, entry.Source));
            if (!file.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new IOException($"{entry.Source} would be written outside {folder}");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            if (written.Add(file))
            {
                File.WriteAllText(file, entry.Text);
            }
            else
            {
                File.AppendAllText(file, entry.Text);
            }

            Console.Out.Write($"wrote {folder}/{entry.Source}\n");
        }
    }
}
