using System.Text;
using GitOpsHQ.Files;

namespace GitOpsHQ.Kustomize;

/// <summary>One key of generated data and the bytes it holds.</summary>
internal sealed record KeyValue(string Key, byte[] Value);

/// <summary>
/// Reads the key-value pairs of a generator from its literals, files and env files, which
/// must lie in or below the kustomization's directory.
/// </summary>
internal sealed class KeyValueSource(FileSet files, string directory)
{
    public List<KeyValue> Read(GeneratorArgs args)
    {
        var pairs = new List<KeyValue>();
        pairs.AddRange(args.Literals.Select(Literal));
        pairs.AddRange(args.Files.Select(File));
        foreach (var env in args.Envs)
        {
            pairs.AddRange(EnvFile.Pairs(Bytes(env, "env source files"), env));
        }

        return pairs;
    }

    /// <summary>"key=value"; a value quoted at both ends with the same quote loses those quotes.</summary>
    private static KeyValue Literal(string source)
    {
        var equals = source.IndexOf('=');
        if (equals <= 0)
        {
            throw new KustomizeBuildException($"loading KV pairs: literal sources [{source}]: invalid literal source {source}, expected key=value");
        }

        var value = source[(equals + 1)..];
        if (value.Length >= 2 && value[0] is '"' or '\'' && value[^1] == value[0])
        {
            value = value[1..^1];
        }

        return new KeyValue(source[..equals], Encoding.UTF8.GetBytes(value));
    }

    /// <summary>"path" (the key is the file's name) or "key=path".</summary>
    private KeyValue File(string source)
    {
        var equals = source.IndexOf('=');
        if (equals == 0)
        {
            throw new KustomizeBuildException($"loading KV pairs: file sources: [{source}]: missing key name for file path \"{source[1..]}\" in source \"{source}\"");
        }

        var path = equals < 0 ? source : source[(equals + 1)..];
        var key = equals < 0 ? FilePath.NameOf(path.TrimEnd('/')) : source[..equals];
        return new KeyValue(key, Bytes(path, "file sources"));
    }

    private byte[] Bytes(string entry, string sources)
    {
        var path = FilePath.Resolve(directory, entry);
        string Problem(string what) => $"loading KV pairs: {sources}: [{entry}]: {what}";
        if (!BuildLimits.MayRead(directory, path))
        {
            throw new KustomizeBuildException(Problem(BuildLimits.OutsideRoot(directory, path ?? entry)));
        }

        if (files.Contains(path))
        {
            return files.Bytes(path);
        }

        throw new KustomizeBuildException(Problem(files.IsDirectory(path)
            ? $"'{path}' must resolve to a file"
            : $"lstat {path}: no such file or directory"));
    }
}
