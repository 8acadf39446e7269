using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace GitOpsHQ.Plugins.Sdk.Yaml;

/// <summary>
/// Reads a YAML stream's events without building nodes: finds syntax errors and nesting too deep
/// to load safely before anything recursive runs over the text.
/// </summary>
internal static class YamlScan
{
    /// <summary>Where the text first goes wrong and why, or null when it is YAML nested within <paramref name="maxDepth"/>.</summary>
    public static (Mark At, string Problem)? FirstProblem(string text, int maxDepth)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var lastGood = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                switch (current)
                {
                    case MappingStart or SequenceStart when ++depth > maxDepth:
                        return (current.Start, $"YAML nested deeper than {maxDepth} levels is not read.");
                    case MappingEnd or SequenceEnd:
                        depth--;
                        break;
                }

                lastGood = current.End;
            }

            return null;
        }
        catch (YamlException error)
        {
            return (error.Start, $"Invalid YAML: {YamlErrorText.Of(error)}");
        }
        catch (InvalidOperationException)
        {
            // The parser fails without a position on some malformed flow collections.
            return (lastGood, "Invalid YAML: it cannot be read past this point (check brackets, quotes and indentation).");
        }
    }
}
