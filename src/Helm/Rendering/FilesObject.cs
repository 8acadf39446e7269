using System.Text;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// <c>.Files</c>: a chart's other files by path (Helm's <c>engine.files</c>, a map of path to bytes that templates
/// can also range over and index), with Helm's methods <c>Get</c>, <c>GetBytes</c>, <c>Glob</c>, <c>Lines</c>,
/// <c>AsConfig</c> and <c>AsSecrets</c>. Templates, Chart.yaml, Chart.lock, values.yaml, values.schema.json and
/// subcharts are not among them, nor are files .helmignore leaves out (the caller passes only kept files).
/// </summary>
public sealed class FilesObject : Dictionary<string, byte[]>, IGoObject
{
    public const string GoTypeName = "engine.files";

    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];
    private static readonly GoType FilesType = GoType.Named(GoTypeName);
    private static readonly GoType Bytes = GoType.Named("[]uint8");

    private readonly Dictionary<string, GoFunction> _methods;

    private FilesObject()
        : base(StringComparer.Ordinal)
    {
        _methods = new GoFunction[]
        {
            GoFunction.Create<string, string>("Get", GoType.String, GoType.String, Get),
            GoFunction.Create<string, byte[]>("GetBytes", GoType.String, Bytes, GetBytes),
            GoFunction.Create<string, FilesObject>("Glob", GoType.String, FilesType, Glob),
            GoFunction.Create<string, List<string>>("Lines", GoType.String, GoType.StringList, Lines),
            GoFunction.Create("AsConfig", GoType.String, AsConfig),
            GoFunction.Create("AsSecrets", GoType.String, AsSecrets),
        }.ToDictionary(m => m.Name, StringComparer.Ordinal);
    }

    /// <summary>No files.</summary>
    public static FilesObject Empty => new();

    /// <summary>
    /// The files of a chart that Helm offers as <c>.Files</c>, from the chart's kept (not .helmignore'd) files by
    /// path relative to the chart root. A leading UTF-8 byte order mark is dropped, as Helm's loader does.
    /// </summary>
    public static FilesObject FromChart(IEnumerable<KeyValuePair<string, byte[]>> files, string apiVersion)
    {
        var result = new FilesObject();
        foreach (var (path, data) in files)
        {
            if (IsOffered(path, apiVersion))
            {
                result[path] = data.AsSpan().StartsWith(ByteOrderMark) ? data[ByteOrderMark.Length..] : data;
            }
        }
        return result;
    }

    // Helm keeps requirements.yaml/.lock as files only for apiVersion v1 charts, and provenance files of subcharts.
    private static bool IsOffered(string path, string apiVersion) => path switch
    {
        "Chart.yaml" or "Chart.lock" or "values.yaml" or "values.schema.json" => false,
        "requirements.yaml" or "requirements.lock" => apiVersion == "v1",
        _ when path.StartsWith("templates/", StringComparison.Ordinal) => false,
        _ when path.StartsWith("charts/", StringComparison.Ordinal) => path.EndsWith(".prov", StringComparison.Ordinal),
        _ => true,
    };

    public string TypeName => GoTypeName;

    public IReadOnlyList<string> FieldNames => [];

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public GoFunction? FindMethod(string name) => _methods.GetValueOrDefault(name);

    /// <summary>The file's bytes; an empty array when there is no such file.</summary>
    public byte[] GetBytes(string name) => TryGetValue(name, out var data) ? data : [];

    /// <summary>The file as a string, as Go's <c>string(bytes)</c> reads it; "" when there is no such file.</summary>
    public string Get(string name) => GoStrings.FromBytes(GetBytes(name));

    /// <summary>The files whose path matches the glob; every file when the pattern does not compile, as in Helm.</summary>
    public FilesObject Glob(string pattern)
    {
        var regex = FilesGlob.Compile(pattern);
        var result = new FilesObject();
        foreach (var (path, data) in this)
        {
            if (regex is null || regex.IsMatch(path))
            {
                result[path] = data;
            }
        }
        return result;
    }

    /// <summary>The file's lines without their '\n' (one final line break dropped); no lines for a missing or empty file.</summary>
    public List<string> Lines(string path)
    {
        var text = Get(path);
        if (text.Length == 0)
        {
            return [];
        }
        return [.. (text.EndsWith('\n') ? text[..^1] : text).Split('\n')];
    }

    /// <summary>The files as YAML <c>base name: content</c> (for a ConfigMap's data), keys sorted.</summary>
    public string AsConfig() => Yaml(GoText);

    /// <summary>The files as YAML <c>base name: base64 of content</c> (for a Secret's data), keys sorted.</summary>
    public string AsSecrets() => Yaml(Convert.ToBase64String);

    private string Yaml(Func<byte[], string> encode)
    {
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (path, data) in this.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            map[path[(path.LastIndexOf('/') + 1)..]] = encode(data);
        }
        return GoYamlText.Write(map);
    }

    // Go keeps a string's bytes as they are; here each byte that is not part of valid UTF-8 becomes U+FFFD,
    // as Go does when such a string is decoded or encoded as JSON.
    private static string GoText(byte[] data)
    {
        var text = new StringBuilder(data.Length);
        var rest = data.AsSpan();
        while (!rest.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(rest, out var rune, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                text.Append(rune.ToString());
                rest = rest[consumed..];
            }
            else
            {
                text.Append('\uFFFD');
                rest = rest[1..];
            }
        }
        return text.ToString();
    }
}
