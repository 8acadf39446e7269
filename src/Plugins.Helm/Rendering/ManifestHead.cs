using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// What output ordering needs of a rendered document — its <c>kind</c> and its <c>helm.sh/hook</c> annotation —
/// read from the YAML event stream without building the document (the whole document is still parsed, so invalid
/// YAML fails as in Helm).
/// </summary>
internal readonly record struct ManifestHead(string Kind, string? Hook)
{
    public static ManifestHead Read(string name, string document)
    {
        var kind = "";
        string? hook = null;
        try
        {
            var parser = new Parser(new StringReader(document));
            parser.Consume<StreamStart>();
            if (!parser.TryConsume<DocumentStart>(out _))
            {
                return new ManifestHead(kind, hook);
            }
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
            // The rest of the stream (further documents of a split that left some) must parse too.
            while (parser.MoveNext())
            {
            }
        }
        catch (YamlException e)
        {
            throw new RenderException($"YAML parse error on {name}: {e.Message}", e);
        }
        return new ManifestHead(kind, hook);
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
