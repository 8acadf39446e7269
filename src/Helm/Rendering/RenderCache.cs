using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GitOpsHQ.Files;
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Loaded charts and parsed template sets by their content, shared by renders of the same chart (previews render
/// the same chart again and again with other values). A parsed set is only read while rendering, so one set serves
/// concurrent renders; a loaded chart is handed out as a fresh copy, since dependency processing changes it.
/// Holds at most <c>capacity</c> entries of each, and about <c>maxBytes</c> of chart files and template text (parsed
/// trees count four times their text); when full it starts again empty.
/// </summary>
public sealed class RenderCache(int capacity = 256, long maxBytes = 256L * 1024 * 1024)
{
    private readonly ConcurrentDictionary<string, TemplateSet> _sets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LoadedChart> _charts = new(StringComparer.Ordinal);
    private long _bytes;

    public int Count => _sets.Count + _charts.Count;

    /// <summary>The chart of <paramref name="files"/>, loaded once per content.</summary>
    public LoadedChart Load(FileSet files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files.Files)
        {
            Append(hash, path);
            hash.AppendData(content);
            hash.AppendData("\0"u8);
        }
        var key = Convert.ToHexString(hash.GetHashAndReset());
        if (!_charts.TryGetValue(key, out var chart))
        {
            chart = ChartLoader.Load(files);
            if (_charts.Count >= capacity)
            {
                _charts.Clear();
            }
            Hold(files.Files.Sum(f => (long)f.Content.Length));
            _charts[key] = chart;
        }
        var fresh = chart.Fresh();
        fresh.ContentKey = key;
        return fresh;
    }

    /// <summary>
    /// The parsed set of a chart this cache loaded: its templates are a function of the chart's files and of which
    /// templates the enabled subcharts contribute, so the set is found by the content key and the template names
    /// without reading the texts again.
    /// </summary>
    internal TemplateSet GetOrParse(LoadedChart chart, IReadOnlyDictionary<string, string> templates, bool deterministic, Func<TemplateSet> parse)
    {
        if (chart.ContentKey is not { } content)
        {
            return GetOrParse(templates, deterministic, parse);
        }
        var names = new StringBuilder(content).Append(deterministic ? "\0d" : "\0r");
        foreach (var name in templates.Keys.Order(StringComparer.Ordinal))
        {
            names.Append('\0').Append(name);
        }
        return GetOrParse(names.ToString(), templates, parse);
    }

    internal TemplateSet GetOrParse(IReadOnlyDictionary<string, string> templates, bool deterministic, Func<TemplateSet> parse) =>
        GetOrParse(Key(templates, deterministic), templates, parse);

    private TemplateSet GetOrParse(string key, IReadOnlyDictionary<string, string> templates, Func<TemplateSet> parse)
    {
        if (_sets.TryGetValue(key, out var set))
        {
            return set;
        }
        set = parse();
        if (_sets.Count >= capacity)
        {
            _sets.Clear();
        }
        Hold(4 * templates.Values.Sum(text => (long)text.Length));
        _sets[key] = set;
        return set;
    }

    // Counts what a new entry holds; over the budget, everything held so far is let go.
    private void Hold(long bytes)
    {
        if (Interlocked.Add(ref _bytes, bytes) > maxBytes)
        {
            _charts.Clear();
            _sets.Clear();
            Interlocked.Exchange(ref _bytes, bytes);
        }
    }

    private static string Key(IReadOnlyDictionary<string, string> templates, bool deterministic)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(deterministic ? "d\0"u8 : "r\0"u8);
        foreach (var name in templates.Keys.Order(StringComparer.Ordinal))
        {
            Append(hash, name);
            Append(hash, templates[name]);
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData("\0"u8);
    }
}
