using System.Collections.Concurrent;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// What output ordering needs of a rendered document — its <c>kind</c> and its <c>helm.sh/hook</c> annotation —
/// read from the YAML event stream without building the document (its whole root node is still parsed, so invalid
/// YAML fails as in Helm). As in Helm, a document must be a mapping (or empty): Helm decodes each one into its
/// manifest head, which a list, a string, a number or a boolean cannot be.
/// </summary>
internal readonly record struct ManifestHead(string Kind, string? Hook)
{
    // Heads of documents read lately, by the document's text: a head is a function of the text alone (only errors name
    // the template, and they are not kept), and previews print the same documents again and again. Holds documents of
    // at most MaxKeptChars characters in all; when full it starts again empty.
    private const long MaxKeptChars = 32L * 1024 * 1024;
    private static readonly ConcurrentDictionary<string, ManifestHead> Known = new(StringComparer.Ordinal);
    private static long _keptChars;

    public static ManifestHead Read(string name, string document)
    {
        if (Known.TryGetValue(document, out var known))
        {
            return known;
        }
        var head = Parse(name, document);
        if (Interlocked.Add(ref _keptChars, document.Length) > MaxKeptChars)
        {
            Known.Clear();
            Interlocked.Exchange(ref _keptChars, document.Length);
        }
        Known[document] = head;
        return head;
    }

    private static ManifestHead Parse(string name, string document)
    {
        var kind = "";
        string? hook = null;
        string? notAHead;
        try
        {
            var parser = new GoAnchorCheck(
                new GoYamlFirstDocument(new Parser(new StringReader(GoYaml.BlockScalarText.Normalize(document))), keyOf: null));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return new ManifestHead(kind, hook);
            }
            // Helm converts the whole document before decoding it, so a syntax error further on is reported first.
            notAHead = parser.Accept<SequenceStart>(out _) ? "array" : parser.Accept<Scalar>(out var root) ? ScalarKind(root) : null;
            if (parser.TryConsume<MappingStart>(out _))
            {
                while (!parser.TryConsume<MappingEnd>(out _))
                {
                    var key = KeyText(parser);
                    if (key == "kind" && parser.Accept<Scalar>(out var scalar))
                    {
                        kind = scalar.Value;
                        parser.MoveNext();
                    }
                    else if (key == "metadata" && parser.TryConsume<MappingStart>(out _))
                    {
                        while (!parser.TryConsume<MappingEnd>(out _))
                        {
                            var field = KeyText(parser);
                            if (field == "annotations" && parser.TryConsume<MappingStart>(out _))
                            {
                                while (!parser.TryConsume<MappingEnd>(out _))
                                {
                                    var annotation = KeyText(parser);
                                    if (annotation == "helm.sh/hook" && parser.Accept<Scalar>(out var value))
                                    {
                                        hook = value.Value;
                                        parser.MoveNext();
                                    }
                                    else
                                    {
                                        parser.SkipThisAndNestedEvents();
                                    }
                                }
                            }
                            else
                            {
                                parser.SkipThisAndNestedEvents();
                            }
                        }
                    }
                    else
                    {
                        parser.SkipThisAndNestedEvents();
                    }
                }
            }
            else
            {
                parser.SkipThisAndNestedEvents();
            }
            // Helm decodes the first document's root node and reads no further: text after a top-level flow value
            // ("{…} more") and whatever follows an explicit document end ("...") are neither decoded nor checked.
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // In the words of Helm's YAML reader, with the line of the rendered document (YamlDotNet's scanner fails
            // with InvalidOperationException on some flow collections left open, e.g. "[1,\nc: 2" inside a block list).
            throw new RenderException($"YAML parse error on {name}: {GoYaml.GoYamlErrorText.Of(e, document)}", e);
        }
        return notAHead is null ? new ManifestHead(kind, hook) : throw NotAHead(name, notAHead);
    }

    private static RenderException NotAHead(string name, string kind) => new(
        $"YAML parse error on {name}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {kind} into Go value of type releaseutil.SimpleHead");

    // The JSON kind of a document that is one scalar, as Go's YAML to JSON conversion gives it; null for a null.
    private static string? ScalarKind(Scalar scalar)
    {
        if (scalar.Style != ScalarStyle.Plain || scalar.Tag == "tag:yaml.org,2002:str")
        {
            return "string";
        }
        return GoValuesYaml.Read(scalar.Value) switch
        {
            null => null,
            bool => "bool",
            double or long or int => "number",
            _ => "string",
        };
    }

    // A mapping key: the scalar's text, or null (after skipping it) for a complex key.
    private static string? KeyText(IParser parser)
    {
        if (parser.TryConsume<Scalar>(out var key))
        {
            return key.Value;
        }
        parser.SkipThisAndNestedEvents();
        return null;
    }
}

/// <summary>
/// Go's YAML parser takes only letters, digits, '_' and '-' in anchor and alias names, and wants the name followed by
/// a space, the end or one of <c>?:,]}%@`</c>; YAML 1.2 (and YamlDotNet) take more. A name Go rejects fails with Go's
/// words, as Helm reports it; so does an alias of an anchor not defined before it.
/// </summary>
internal sealed class GoAnchorCheck(IParser inner) : IParser
{
    // Anchors defined so far: an alias must name one defined before it, as Go's reader demands.
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }
        var anchor = inner.Current switch
        {
            NodeEvent { Anchor.IsEmpty: false } node => node.Anchor.Value,
            AnchorAlias alias => alias.Value.Value,
            _ => null,
        };
        if (anchor is not null)
        {
            var end = 0;
            while (end < anchor.Length && (char.IsAsciiLetterOrDigit(anchor[end]) || anchor[end] is '_' or '-'))
            {
                end++;
            }
            if (end == 0 || (end < anchor.Length && !"?:,]}%@`".Contains(anchor[end])))
            {
                // Go's parser names the line only from the second on.
                var line = inner.Current!.Start.Line;
                throw new YamlException(inner.Current.Start, inner.Current.End,
                    "yaml: " + (line > 1 ? $"line {line}: " : "") + "did not find expected alphabetic or numeric character");
            }
            if (inner.Current is AnchorAlias && !_defined.Contains(anchor))
            {
                throw new YamlException(inner.Current.Start, inner.Current.End, $"yaml: unknown anchor '{anchor}' referenced");
            }
            _defined.Add(anchor);
        }
        return true;
    }
}
