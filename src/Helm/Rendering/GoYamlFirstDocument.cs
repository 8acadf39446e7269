using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// The events of a text's first document as Go's YAML reader (behind sigs.k8s.io/yaml) decodes it, for a
/// <see cref="YamlDotNet.RepresentationModel.YamlStream"/> to load:
/// <list type="bullet">
/// <item>Only the first document's root node is read: Go decodes that node and never looks further, so whatever
/// follows it (other documents, or text after a top-level flow value such as <c>{a: 1} b</c>) is neither decoded
/// nor checked.</item>
/// <item>A key repeated in a mapping replaces the earlier entry (Go's non-strict decoding sets map entries in
/// order). The earlier keys are renamed to <see cref="ReplacedKey"/> names, which the reader skips; their values
/// stay, so anchors defined in them can still be aliased. Merge keys are each taken (renamed to distinct
/// <see cref="MergeKey"/> names).</item>
/// </list>
/// </summary>
internal sealed class GoYamlFirstDocument : IParser
{
    /// <summary>The prefix of a key replaced by a later equal key (it cannot occur in YAML text: it holds a NUL).</summary>
    public const string ReplacedKey = "\0replaced:";

    /// <summary>The prefix merge keys (<c>&lt;&lt;</c>) are renamed to, so that a mapping may have several, as in Go.</summary>
    public const string MergeKey = "\0merge:";

    private readonly List<ParsingEvent> _events = [];
    private int _at = -1;

    /// <param name="parser">The text's parser, read here up to the end of the first document's root node.</param>
    /// <param name="keyOf">
    /// A scalar key as the map key Go decodes it to (keys equal here are the same key), or null for a merge key; no
    /// keys are renamed without it (for a reader that does not build the mappings).
    /// </param>
    public GoYamlFirstDocument(IParser parser, Func<Scalar, string?>? keyOf)
    {
        var depth = 0;
        var inDocument = false;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            _events.Add(e);
            switch (e)
            {
                case DocumentStart:
                    inDocument = true;
                    continue;
                case MappingStart or SequenceStart:
                    depth++;
                    continue;
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
                case StreamEnd:
                    return;
            }
            if (inDocument && depth == 0 && e is not DocumentEnd)
            {
                // The root node is complete: end the document and the stream here, as Go stops reading here.
                _events.Add(new DocumentEnd(isImplicit: true, e.End, e.End));
                _events.Add(new StreamEnd(e.End, e.End));
                break;
            }
        }
        if (keyOf is not null)
        {
            RenameReplacedKeys(keyOf);
        }
    }

    public ParsingEvent? Current => _at >= 0 && _at < _events.Count ? _events[_at] : null;

    public bool MoveNext() => ++_at < _events.Count;

    private void RenameReplacedKeys(Func<Scalar, string?> keyOf)
    {
        var replaced = 0;
        var merges = 0;
        for (var i = 0; i < _events.Count; i++)
        {
            if (_events[i] is not MappingStart)
            {
                continue;
            }
            // The keys of this mapping (nested mappings are visited by the outer loop in their turn).
            var keys = new List<(int Index, string Key)>();
            var j = i + 1;
            while (j < _events.Count && _events[j] is not MappingEnd)
            {
                if (_events[j] is Scalar key)
                {
                    if (keyOf(key) is { } name)
                    {
                        keys.Add((j, name));
                    }
                    else
                    {
                        _events[j] = Renamed(key, MergeKey + merges++);
                    }
                }
                j = NodeEnd(NodeEnd(j));
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var k = keys.Count - 1; k >= 0; k--)
            {
                if (!seen.Add(keys[k].Key))
                {
                    _events[keys[k].Index] = Renamed((Scalar)_events[keys[k].Index], ReplacedKey + replaced++);
                }
            }
        }
    }

    private static Scalar Renamed(Scalar s, string value) =>
        new(s.Anchor, s.Tag, value, s.Style, s.IsPlainImplicit, s.IsQuotedImplicit, s.Start, s.End, s.IsKey);

    // The index after the node that starts at index i.
    private int NodeEnd(int i)
    {
        if (i >= _events.Count)
        {
            return i;
        }
        if (_events[i] is not (MappingStart or SequenceStart))
        {
            return i + 1;
        }
        var depth = 0;
        for (; i < _events.Count; i++)
        {
            depth += _events[i] switch
            {
                MappingStart or SequenceStart => 1,
                MappingEnd or SequenceEnd => -1,
                _ => 0,
            };
            if (depth == 0)
            {
                return i + 1;
            }
        }
        return i;
    }
}
