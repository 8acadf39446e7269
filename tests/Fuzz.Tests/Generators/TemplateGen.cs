using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// Go template texts from text/template's grammar — actions, pipelines, variables, control structures, define and
/// template, literals of every form, Helm's and Sprig's functions with arguments of any type — then sometimes mutated.
/// </summary>
public static class TemplateGen
{
    public static readonly string[] Functions =
    [
        "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "eq", "ne", "lt", "le", "gt", "ge", "html", "js", "urlquery",
        "call", "default", "empty", "coalesce", "ternary", "toYaml", "fromYaml", "toJson", "fromJson", "fromYamlArray", "fromJsonArray", "toToml",
        "tpl", "include", "required", "quote", "squote", "upper", "lower", "title", "trim", "trunc", "abbrev", "repeat", "replace", "split", "splitList",
        "join", "list", "dict", "get", "set", "unset", "hasKey", "keys", "values", "pick", "omit", "merge", "mergeOverwrite", "deepCopy", "append",
        "prepend", "concat", "first", "last", "rest", "initial", "reverse", "uniq", "sortAlpha", "until", "untilStep", "seq", "add", "sub", "mul", "div",
        "mod", "max", "min", "floor", "ceil", "round", "int", "int64", "float64", "atoi", "toString", "toStrings", "b64enc", "b64dec", "b32dec",
        "sha256sum", "regexMatch", "regexFind", "regexReplaceAll", "regexSplit", "semver", "semverCompare", "date", "dateInZone", "toDate",
        "duration", "indent", "nindent", "wrap", "wrapWith", "substr", "kindOf", "typeOf", "kindIs", "fail", "lookup", "tuple", "nospace",
        "cat", "plural", "camelcase", "snakecase", "kebabcase", "swapcase", "shuffle", "randAlpha", "uuidv4", "genPrivateKey", "derivePassword",
        "sha1sum", "adler32sum", "htmlDate", "ago", "now", "unixEpoch", "dig", "pluck", "compact", "without", "has", "chunk", "mustToJson",
    ];

    private static readonly string[] Fields = [".", ".Values", ".Values.a", ".Values.list", ".Values.map.k", ".Release.Name", ".Chart.Name", ".Capabilities.KubeVersion", ".Template.Name", ".Files", "$", "$.Values", ".nope.deeper", ".Values.n"];

    public static readonly string[] Tokens = ["{{", "}}", "{{-", "-}}", "{{/*", "*/}}", "(", ")", "|", "$x", ":=", "=", "end", "else", "range", "if", "with", "define \"t\"", "template \"t\" .", "break", "continue", "\"", "`", "'", "0x", "1e", "nil"];

    public static byte[] Generate(Random random) => random.Next(8) switch
    {
        0 => Mutator.RandomBytes(random, 256),
        1 => Encoding.UTF8.GetBytes(Deep(random)),
        < 4 => Mutator.Mutate(random, Encoding.UTF8.GetBytes(Text(random)), Tokens),
        _ => Encoding.UTF8.GetBytes(Text(random)),
    };

    public static string Text(Random random)
    {
        var text = new StringBuilder();
        var parts = 1 + random.Next(8);
        var state = new State(random);
        for (var i = 0; i < parts; i++) Part(state, text, 3);
        return text.ToString();
    }

    private sealed class State(Random random)
    {
        public Random Random { get; } = random;
        public List<string> Variables { get; } = ["$"];
        public bool InRange;
    }

    private static void Part(State state, StringBuilder text, int depth)
    {
        var random = state.Random;
        var (open, close) = (random.Next(4) == 0 ? "{{- " : "{{", random.Next(4) == 0 ? " -}}" : "}}");
        switch (depth <= 0 ? random.Next(3) : random.Next(12))
        {
            case 0:
                text.Append(Strings.Word(random)).Append(random.Pick([" ", "\n", "\t", ""]));
                break;
            case 1:
                text.Append(open).Append(Pipeline(state, 2)).Append(close);
                break;
            case 2:
                text.Append(open).Append("/* ").Append(Strings.Word(random)).Append(" */").Append(close);
                break;
            case 3:
            {
                var name = "$" + Strings.Word(random);
                text.Append(open).Append(name).Append(" := ").Append(Pipeline(state, 2)).Append(close);
                state.Variables.Add(name);
                break;
            }
            case 4 or 5:
            {
                var keyword = random.Pick(["if", "with", "range"]);
                text.Append(open).Append(keyword).Append(' ');
                if (keyword == "range" && random.Next(3) == 0) text.Append("$i, $v := ");
                text.Append(keyword == "range" && random.Next(4) == 0 ? random.Pick(["3", "100000000000", "-1", "until 50", "$"]) : Pipeline(state, 2)).Append(close);
                var wasInRange = state.InRange;
                state.InRange |= keyword == "range";
                Body(state, text, depth - 1);
                if (random.Next(3) == 0)
                {
                    text.Append("{{else").Append(random.Next(3) == 0 ? " if " + Pipeline(state, 1) : "").Append("}}");
                    Body(state, text, depth - 1);
                }
                state.InRange = wasInRange;
                if (random.Next(20) != 0) text.Append("{{end}}");
                break;
            }
            case 6 when state.InRange:
                text.Append(open).Append(random.Pick(["break", "continue"])).Append(close);
                break;
            case 7:
            {
                var name = random.Pick(["t", "u", Strings.Word(random)]);
                text.Append("{{define \"").Append(name).Append("\"}}");
                Body(state, text, depth - 1);
                text.Append("{{end}}");
                if (random.Next(2) == 0) text.Append("{{template \"").Append(name).Append("\" ").Append(random.Pick([".", "$", "1", "nil"])).Append("}}");
                break;
            }
            case 8:
                text.Append("{{").Append(random.Pick(["template", "include"])).Append(" \"").Append(random.Pick(["t", "u", "self"])).Append("\" . }}");
                break;
            case 9:
                text.Append("{{block \"").Append(random.Pick(["t", "b"])).Append("\" .}}");
                Body(state, text, depth - 1);
                text.Append("{{end}}");
                break;
            default:
                text.Append(open).Append(Pipeline(state, 3)).Append(close);
                break;
        }
    }

    private static void Body(State state, StringBuilder text, int depth)
    {
        var parts = 1 + state.Random.Next(3);
        for (var i = 0; i < parts; i++) Part(state, text, depth);
    }

    private static string Pipeline(State state, int depth)
    {
        var random = state.Random;
        var command = Command(state, depth);
        var pipes = random.Next(4) == 0 ? 1 + random.Next(2) : 0;
        for (var i = 0; i < pipes; i++) command += " | " + random.Pick(Functions) + (random.Next(2) == 0 ? " " + Operand(state, depth - 1) : "");
        return command;
    }

    private static string Command(State state, int depth)
    {
        var random = state.Random;
        if (random.Next(3) == 0) return Operand(state, depth);
        var args = random.Next(4);
        return random.Pick(Functions) + string.Concat(Enumerable.Range(0, args).Select(_ => " " + Operand(state, depth - 1)));
    }

    private static string Operand(State state, int depth)
    {
        var random = state.Random;
        return (depth <= 0 ? random.Next(5) : random.Next(7)) switch
        {
            0 => random.Pick(Fields),
            1 => random.Pick(state.Variables) + (random.Next(3) == 0 ? "." + Strings.Word(random) : ""),
            2 => Literal(random),
            3 => random.Pick(["nil", "true", "false"]),
            4 => Literal(random),
            _ => "(" + Pipeline(state, depth - 1) + ")" + (random.Next(6) == 0 ? ".Field" : ""),
        };
    }

    public static string Literal(Random random) => random.Pick(
    [
        "0", "1", "-1", "3", "1000000", "100000000000", "0x1F", "0o17", "017", "0b101", "1_000", "1e3", "1e400", ".5", "1.5", "-0.0", "'a'", "'\\n'",
        "'\\x41'", "'\\u263a'", "'ab'", "1i", "0x1p-2", "\"str\"", "\"\\u00e9\\t\"", "\"\\x\"", "`raw\nline`", "\"%v %d %s %q %x %*d\"", "\"\"",
        "\"a,b,c\"", "\"[a-z]+\"", "\"(\"", "\"1.2.3\"", "\">=1.0\"", "\"2024-01-01\"", "\"key: [1, 2]\"", "\"{\\\"a\\\": 1}\"", "\"{{ .Values }}\"",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808",
    ]);

    public static string Deep(Random random)
    {
        var depth = 50 + random.Next(random.Next(3) == 0 ? 20_000 : 2_000);
        return random.Next(3) switch
        {
            0 => "{{" + new string('(', depth) + "1" + new string(')', depth) + "}}",
            1 => string.Concat(Enumerable.Repeat("{{if 1}}", depth)) + "x" + string.Concat(Enumerable.Repeat("{{end}}", depth)),
            _ => "{{define \"t\"}}{{template \"t\" .}}{{end}}{{template \"t\" .}}",
        };
    }
}
