using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// Keys given twice in one mapping. Helm (values, Chart.yaml), kustomize and kubectl read such YAML and keep the later
/// value; the YAML library refuses it. <see cref="LaterWins"/> gives the text with every earlier entry of a repeated key
/// blanked out (spaces, line breaks kept), so that positions in it stay those of the file.
/// </summary>
internal static class RepeatedKeys
{
    /// <summary>A key given again: where the earlier entry was and where the later one is.</summary>
    public sealed record Repeat(string Key, Mark Earlier, Mark Later);

    /// <summary>
    /// The text with each earlier entry of a repeated scalar key blanked, and the repeats found; the text itself and no
    /// repeats when there are none or the text does not parse (the reader then reports it).
    /// </summary>
    public static (string Text, IReadOnlyList<Repeat> Repeats) LaterWins(string text)
    {
        var blanks = new List<(int Start, int End)>();
        var repeats = new List<Repeat>();
        try
        {
            var parser = new Parser(new StringReader(text));
            // One frame per open collection; a mapping's frame takes its events as key, value, key, value...
            var frames = new Stack<Frame>();
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                if (current is MappingEnd or SequenceEnd)
                {
                    frames.Pop();
                    continue;
                }

                if (frames.TryPeek(out var frame) && frame.IsMapping)
                {
                    if (frame.ExpectingKey) frame.Key(current, blanks, repeats);
                    frame.ExpectingKey = !frame.ExpectingKey;
                }

                if (current is MappingStart or SequenceStart)
                {
                    frames.Push(new Frame(current is MappingStart));
                }
            }
        }
        catch (YamlException)
        {
            return (text, []);
        }

        if (blanks.Count == 0)
        {
            return (text, []);
        }

        var chars = text.ToCharArray();
        foreach (var (start, end) in blanks)
        {
            for (var i = start; i < end && i < chars.Length; i++)
            {
                if (chars[i] is not ('\n' or '\r')) chars[i] = ' ';
            }
        }

        return (new string(chars), repeats);
    }

    private sealed class Frame(bool isMapping)
    {
        private readonly Dictionary<string, (Mark At, int Entry)> _keys = new(StringComparer.Ordinal);
        private readonly List<int> _entryStarts = [];

        public bool IsMapping { get; } = isMapping;

        public bool ExpectingKey { get; set; } = true;

        // A key opens an entry, which runs to where the next entry starts. A repeated scalar key blanks the earlier
        // entry: an entry has followed it (at the latest, this one), so its extent is known.
        public void Key(ParsingEvent key, List<(int Start, int End)> blanks, List<Repeat> repeats)
        {
            var entry = _entryStarts.Count;
            _entryStarts.Add((int)key.Start.Index);
            if (key is not Scalar { Value: var name, Tag.IsEmpty: true })
            {
                return;
            }

            if (_keys.TryGetValue(name, out var earlier))
            {
                repeats.Add(new Repeat(name, earlier.At, key.Start));
                blanks.Add((_entryStarts[earlier.Entry], _entryStarts[earlier.Entry + 1]));
            }

            _keys[name] = (key.Start, entry);
        }
    }
}
