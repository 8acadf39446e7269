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
        error is YamlException ? Converting + Words(error, source) : error.Message;

    /// <summary>Go's YAML library's words for <paramref name="error"/> ("yaml: line 3: …"), met reading <paramref name="source"/>.</summary>
    public static string Words(Exception error, string source)
    {
        if (error is not YamlException yaml)
        {
            return error.Message;
        }

        if (System.Text.RegularExpressions.Regex.Match(error.Message, "anchor '([^']*)' does not exist") is { Success: true } anchor)
        {
            return Prefix + $"unknown anchor '{anchor.Groups[1].Value}' referenced";
        }

        if (error.Message.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return error.Message;
        }

        if (error.Message.Contains("invalid tab as indentation", StringComparison.Ordinal) && TabIndented(source) is var (tabLine, inBlockScalar))
        {
            // Go tells a tab where a block scalar's indentation should be from one where a token should start.
            return Prefix + (tabLine > 1 ? $"line {tabLine}: " : "")
                + (inBlockScalar ? "found a tab character where an indentation space is expected" : "found character that cannot start any token");
        }

        foreach (var (dotNet, go, scanner) in Messages)
        {
            if (error.Message.Contains(dotNet, StringComparison.OrdinalIgnoreCase))
            {
                var at = dotNet == "tab" ? Math.Max(yaml.Start.Line, yaml.End.Line) : yaml.Start.Line;
                var line = (int)at - 1 + (scanner ? 1 : 0);
                var first = at <= 1;
                return Prefix + (first && scanner || line == 0 ? "" : $"line {line}: ") + go;
            }
        }

        return Prefix + error.Message;
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
