using YamlDotNet.Core;

namespace GitOpsHQ.GoYaml;

/// <summary>
/// A YAML syntax error as Go's YAML reader words it: "yaml: line 1: did not find expected node content" (kustomize's
/// readers), behind "error converting YAML to JSON: " where sigs.k8s.io/yaml reads it (Helm). Parser errors name the
/// (0-based) line of the offending token when it is not the first; scanner errors name its 1-based line, unless it is
/// on the first line.
/// </summary>
public static partial class GoYamlErrorText
{
    private const string Prefix = "yaml: ";

    private const string Converting = "error converting YAML to JSON: ";

    private static readonly (string DotNet, string Go, bool Scanner)[] Messages =
    [
        ("did not find expected node content", "did not find expected node content", false),
        ("did not find expected '-' indicator", "did not find expected '-' indicator", false),
        ("did not find expected key", "did not find expected key", false),
        ("did not find expected ',' or '}'", "did not find expected ',' or '}'", false),
        ("did not find expected ',' or ']'", "did not find expected ',' or ']'", false),
        ("could not find expected ':'", "could not find expected ':'", true),
        ("Mapping values are not allowed in this context", "mapping values are not allowed in this context", true),
        ("found invalid mapping", "mapping values are not allowed in this context", true),
        ("found unexpected end of stream", "found unexpected end of stream", true),
        ("found character that cannot start any token", "found character that cannot start any token", true),
        ("tab", "found a tab character that violates indentation", true),
    ];

    /// <summary>Go's words for <paramref name="error"/>, met reading <paramref name="source"/>, as sigs.k8s.io/yaml reports them.</summary>
    public static string Of(Exception error, string source) =>
        YamlReadError.Is(error) ? Converting + Words(error, source) : error.Message;

    /// <summary>Go's YAML library's words for <paramref name="error"/> ("yaml: line 3: …"), met reading <paramref name="source"/>.</summary>
    public static string Words(Exception error, string source) => Format(Describe(error, source));

    /// <summary>
    /// The words of kustomize's reader (kyaml, on Go's YAML v3) for <paramref name="error"/>, met reading
    /// <paramref name="source"/>: it reads each document of a file on its own, so lines count from the document's
    /// start, and it names a parser error's line one lower than v2 does.
    /// </summary>
    public static string KustomizeWords(Exception error, string source)
    {
        var (line, text, scanner) = Describe(error, source);
        if (line == 0)
        {
            return Format((0, text, scanner));
        }

        // The document holding the fault starts after the last "---" line before it.
        var lines = source.Split('\n');
        var at = scanner ? line : line + 1;
        var separator = 0;
        for (var i = 0; i < Math.Min(at - 1, lines.Length); i++)
        {
            if (lines[i].StartsWith("---", StringComparison.Ordinal) && lines[i][3..].Trim().Length == 0) separator = i + 1;
        }

        var shifted = line - separator - (scanner ? 0 : 1);
        return Format((shifted > (scanner ? 1 : 0) ? shifted : 0, text, scanner));
    }

    private static string Format((int Line, string Text, bool Scanner) described) =>
        described.Text.StartsWith(Prefix, StringComparison.Ordinal)
            ? described.Text
            : Prefix + (described.Line > 0 ? $"line {described.Line}: " : "") + described.Text;

    // The line Go names (0 when it names none), its words, and whether its scanner (not its parser) found the fault.
    private static (int Line, string Text, bool Scanner) Describe(Exception error, string source)
    {
        if (error is not YamlException yaml)
        {
            // YamlDotNet's scanner fails so on some flow collections left open ("[1,\n  b: 2\nc: 3").
            return UnclosedFlow(source) is var (flowLine, closer)
                ? (flowLine, $"did not find expected ',' or '{closer}'", false)
                : (0, error.Message, false);
        }

        if (System.Text.RegularExpressions.Regex.Match(error.Message, "anchor '([^']*)' does not exist") is { Success: true } anchor)
        {
            return (0, $"unknown anchor '{anchor.Groups[1].Value}' referenced", false);
        }

        if (error.Message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return (0, error.Message, false);
        }

        if (error.Message.Contains("invalid tab as indentation", StringComparison.Ordinal) && TabIndented(source) is var (tabLine, inBlockScalar))
        {
            // Go tells a tab where a block scalar's indentation should be from one where a token should start.
            return (tabLine > 1 ? tabLine : 0,
                inBlockScalar ? "found a tab character where an indentation space is expected" : "found character that cannot start any token", true);
        }

        foreach (var (dotNet, go, scanner) in Messages)
        {
            if (error.Message.Contains(dotNet, StringComparison.OrdinalIgnoreCase))
            {
                var at = dotNet == "tab" ? Math.Max(yaml.Start.Line, yaml.End.Line) : yaml.Start.Line;
                var line = (int)at - 1 + (scanner ? 1 : 0);
                var first = at <= 1;
                return (first && scanner || line == 0 ? 0 : line, go, scanner);
            }
        }

        return (0, error.Message, false);
    }

    // A flow collection left open: the (0-based) line of the first line after its own that is indented no deeper than
    // the line it opens on (or the end), where Go's parser stops, and the bracket that would close it.
    private static (int Line, char Closer)? UnclosedFlow(string text)
    {
        var lines = text.Split('\n');
        var open = new Stack<(int Line, char Closer)>();
        for (var i = 0; i < lines.Length; i++)
        {
            var quote = '\0';
            foreach (var c in lines[i])
            {
                if (quote != '\0')
                {
                    if (c == quote) quote = '\0';
                    continue;
                }

                switch (c)
                {
                    case '"' or '\'' when open.Count > 0:
                        quote = c;
                        break;
                    case '#':
                        goto nextLine;
                    case '[':
                        open.Push((i, ']'));
                        break;
                    case '{':
                        open.Push((i, '}'));
                        break;
                    case ']' or '}' when open.Count > 0:
                        open.Pop();
                        break;
                }
            }

            nextLine:;
        }

        if (!open.TryPeek(out var unclosed))
        {
            return null;
        }

        static int Indentation(string line) => line.Length - line.TrimStart(' ').Length;
        var indentation = Indentation(lines[unclosed.Line]);
        for (var i = unclosed.Line + 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length > 0 && Indentation(lines[i]) <= indentation)
            {
                return (i, unclosed.Closer);
            }
        }

        return (lines.Length - (text.EndsWith('\n') ? 1 : 0), unclosed.Closer);
    }

    // The first line (1-based) whose indentation holds a tab, and whether it lies in a block scalar: below a "|" or ">"
    // header with only blank or further indented lines between.
    private static (int Line, bool InBlockScalar)? TabIndented(string text)
    {
        var lines = text.Split('\n');
        static int Indentation(string line) => line.Length - line.TrimStart(' ', '\t').Length;
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].AsSpan(0, Indentation(lines[i])).Contains('\t') || lines[i].Trim().Length == 0)
            {
                continue;
            }

            for (var k = i - 1; k >= 0; k--)
            {
                if (BlockScalarHeader().IsMatch(lines[k]))
                {
                    var header = Indentation(lines[k]);
                    var inside = lines[(k + 1)..i].All(line => line.Trim().Length == 0 || Indentation(line) > header);
                    return (i + 1, inside);
                }
            }

            return (i + 1, false);
        }

        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[|>][-+0-9]*\s*(#.*)?\r?$")]
    private static partial System.Text.RegularExpressions.Regex BlockScalarHeader();
}
