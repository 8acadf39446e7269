using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using GitOpsHQ.Plugins.Helm.GoTemplate;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Parsed template sets by their content, shared by renders of the same chart (previews render the same chart
/// again and again with other values). A set is only read while rendering, so one set serves concurrent renders.
/// Holds at most <c>capacity</c> sets; when full it starts again empty.
/// </summary>
public sealed class TemplateCache(int capacity = 256)
{
    private readonly ConcurrentDictionary<string, TemplateSet> _sets = new(StringComparer.Ordinal);

    public int Count => _sets.Count;

    internal TemplateSet GetOrParse(IReadOnlyDictionary<string, string> templates, bool deterministic, Func<TemplateSet> parse)
    {
        var key = Key(templates, deterministic);
        if (_sets.TryGetValue(key, out var set))
        {
            return set;
        }
        set = parse();
        if (_sets.Count >= capacity)
        {
            _sets.Clear();
        }
        _sets[key] = set;
        return set;
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
