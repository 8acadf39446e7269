using System.Text;

namespace GitOpsHQ.Fuzz.Tests.Generators;

/// <summary>
/// YAML documents built from a random tree — block and flow collections mixed, anchors and aliases (merge keys
/// included), tags, odd scalars, block scalars with indicators, comments, several documents — then sometimes mutated.
/// </summary>
public static class YamlGen
{
    public static readonly string[] OddScalars =
    [
        "~", "null", "Null", "NULL", "", "yes", "No", "on", "OFF", "y", "n", "true", "False", "0", "-0", "+1", "0x1F", "0o17", "017", "0b101",
        "1_000", "1e400", "-1e-400", ".inf", "-.Inf", ".NaN", "1.", ".5", "9223372036854775808", "-9223372036854775809",
        "18446744073709551616", "1:20", "2001-12-14t21:59:43.10-05:00", "2002-12-14", "0.0.0.0", "<<", "=", "- x", "? y", "@at",
        "`tick`", "a: b", "a #b", "#c", "'", "\"", "%", "!", "&a", "*a", "|", ">", "---", "...", "1.2.3", "0755", "08", "0x", "1e", "+.inf",
    ];

    public static readonly string[] Tags =
    [
        "!!str", "!!int", "!!float", "!!bool", "!!null", "!!binary", "!!timestamp", "!!map", "!!seq", "!!set", "!!omap", "!!merge", "!custom",
        "!", "!<tag:yaml.org,2002:str>", "!<x>", "!e!foo", "!!python/object", "!!int:", "!!",
    ];

    public static readonly string[] Tokens =
    [
        "&a ", "*a", "<<: *a\n", "!!binary ", "!!str ", "? ", ": ", "- ", "---\n", "...\n", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "{", "}",
        "[", "]", ",", "|-\n", ">+\n", "|2\n", "\t", "#", "\"\\x00\"", "'\\'", "\ufeff", "&", "*", "!", "\n  ", "\n- ", "\n? ", ": &b [*a,*a]",
    ];

    private sealed class State(Random random)
    {
        public Random Random { get; } = random;
        public List<string> Anchors { get; } = [];
        public int Nodes;
    }

    public static byte[] Generate(Random random)
    {
        return random.Next(10) switch
        {
            0 => Mutator.RandomBytes(random),
            1 => Encoding.UTF8.GetBytes(Deep(random)),
            2 => Encoding.UTF8.GetBytes(Bomb(random)),
            < 6 => Mutator.Mutate(random, Encoding.UTF8.GetBytes(Text(random)), Tokens),
            _ => Encoding.UTF8.GetBytes(Text(random)),
        };
    }

    /// <summary>A valid-looking stream of one to three documents.</summary>
    public static string Text(Random random, int maxDepth = 6)
    {
        var text = new StringBuilder();
        if (random.Next(10) == 0) text.Append("%YAML 1.1\n");
        var documents = random.Next(5) == 0 ? 2 + random.Next(2) : 1;
        for (var d = 0; d < documents; d++)
        {
            if (d > 0 || random.Next(4) == 0) text.Append("---").Append(random.Next(3) == 0 ? " # doc\n" : "\n");
            var state = new State(random);
            Block(state, text, 0, maxDepth, top: true);
            if (random.Next(6) == 0) text.Append("...\n");
        }
        return text.ToString();
    }

    /// <summary>A map at the top (what values, resources and kustomizations are), with fields of random shapes.</summary>
    public static string Map(Random random, IReadOnlyList<string> keys, int maxDepth = 4)
    {
        var state = new State(random);
        var text = new StringBuilder();
        var count = 1 + random.Next(Math.Min(keys.Count, 6));
        for (var i = 0; i < count; i++)
        {
            text.Append(random.Pick(keys)).Append(':');
            Value(state, text, 0, maxDepth);
        }
        return text.ToString();
    }

    // A value after "key:" (or "-"): a scalar on the same line, a flow collection, or a block collection on the next lines.
    private static void Value(State state, StringBuilder text, int indent, int depth)
    {
        var random = state.Random;
        if (random.Next(8) == 0)
        {
            var anchor = "a" + state.Anchors.Count;
            state.Anchors.Add(anchor);
            text.Append(" &").Append(anchor);
        }
        if (random.Next(10) == 0) text.Append(' ').Append(random.Pick(Tags));
        if (state.Anchors.Count > 0 && random.Next(8) == 0)
        {
            text.Append(" *").Append(random.Pick(state.Anchors)).Append('\n');
            return;
        }
        var kind = depth <= 0 || state.Nodes > 400 ? 0 : random.Next(5);
        state.Nodes++;
        switch (kind)
        {
            case 0 or 1:
                text.Append(' ').Append(Scalar(random, inFlow: false, indent)).Append('\n');
                break;
            case 2:
                text.Append(' ');
                Flow(state, text, depth - 1);
                text.Append('\n');
                break;
            default:
                text.Append('\n');
                Block(state, text, indent + 1 + random.Next(3), depth - 1, top: false);
                break;
        }
    }

    private static void Block(State state, StringBuilder text, int indent, int depth, bool top)
    {
        var random = state.Random;
        var pad = new string(' ', indent);
        var count = 1 + random.Next(top ? 6 : 4);
        var sequence = random.Next(3) == 0;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(12) == 0) text.Append(pad).Append("# ").Append(Strings.Word(random)).Append('\n');
            text.Append(pad);
            if (sequence)
            {
                text.Append('-');
            }
            else if (state.Anchors.Count > 0 && random.Next(10) == 0)
            {
                text.Append("<<: *").Append(random.Pick(state.Anchors)).Append('\n');
                continue;
            }
            else if (random.Next(15) == 0)
            {
                text.Append("? ").Append(Scalar(random, false, indent)).Append('\n').Append(pad).Append(':');
            }
            else
            {
                text.Append(Key(random)).Append(':');
            }
            Value(state, text, indent, depth);
        }
    }

    private static void Flow(State state, StringBuilder text, int depth)
    {
        var random = state.Random;
        var map = random.Next(2) == 0;
        text.Append(map ? '{' : '[');
        var count = random.Next(4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0) text.Append(random.Next(10) == 0 ? " ,\n " : ", ");
            if (map) text.Append(Key(random)).Append(": ");
            state.Nodes++;
            if (state.Anchors.Count > 0 && random.Next(6) == 0) text.Append('*').Append(random.Pick(state.Anchors));
            else if (depth > 0 && random.Next(3) == 0) Flow(state, text, depth - 1);
            else text.Append(Scalar(random, inFlow: true, 0));
        }
        if (random.Next(10) == 0) text.Append(',');
        text.Append(map ? '}' : ']');
    }

    public static string Key(Random random) => random.Next(10) switch
    {
        0 => "\"" + Strings.Word(random) + "\\t\"",
        1 => "'" + Strings.Word(random) + " x'",
        2 => random.Pick(OddScalars) is var odd && odd.Length > 0 && !odd.Contains(':') && !odd.Contains('#') && odd[0] is not ('-' or '?' or '!' or '&' or '*' or '|' or '>' or '%' or '@' or '`' or '\'' or '"') ? odd : "k",
        _ => Strings.Word(random),
    };

    public static string Scalar(Random random, bool inFlow, int indent) => random.Next(12) switch
    {
        0 => "\"" + Escaped(random) + "\"",
        1 => "'" + Strings.Word(random) + "''" + Strings.Unicode(random).Replace("\n", "") + "'",
        2 when !inFlow => random.Pick(["|", "|-", "|+", ">", ">-", "|2", ">1+"]) + "\n" + string.Join("\n",
            Enumerable.Range(0, 1 + random.Next(3)).Select(_ => new string(' ', indent + 2) + Strings.Word(random))),
        3 => random.Next(1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        4 => (random.NextDouble() * Math.Pow(10, random.Next(-30, 30))).ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        < 8 => Quote(random.Pick(OddScalars)),
        _ => Strings.Word(random) + (random.Next(6) == 0 ? " " + Strings.Word(random) : ""),
    };

    // Odd scalars that would change the structure are quoted; the rest stay plain.
    private static string Quote(string odd) =>
        odd.Length == 0 || odd.IndexOfAny([':', '#', '\'', '"', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '%', '@', '`']) >= 0 ||
        odd.StartsWith('-') && odd.Length > 1 && odd[1] == ' ' || odd.StartsWith('?') || odd is "---" or "..."
            ? "\"" + odd.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""
            : odd;

    private static string Escaped(Random random) => random.Next(8) switch
    {
        0 => "\\x00\\u2028\\U0001F600",
        1 => "\\N\\_\\L\\P\\e\\a",
        2 => "\\ud800",
        3 => "line\\\n  folded",
        _ => Strings.Word(random) + Strings.Unicode(random).Replace("\"", "").Replace("\\", ""),
    };

    /// <summary>Deep nesting: flow brackets, block indentation or a chain of keys, sometimes unbalanced.</summary>
    public static string Deep(Random random)
    {
        var depth = random.Next(4) == 0 ? 5_000 + random.Next(50_000) : 50 + random.Next(500);
        return random.Next(4) switch
        {
            0 => new string('[', depth) + (random.Next(2) == 0 ? new string(']', depth) : ""),
            1 => string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', random.Next(depth + 1)),
            2 => string.Concat(Enumerable.Range(0, Math.Min(depth, 3000)).Select(i => new string(' ', i) + "k:\n")) + "x",
            _ => string.Concat(Enumerable.Range(0, Math.Min(depth, 3000)).Select(i => new string(' ', i) + "- ")) + "x",
        };
    }

    /// <summary>Aliases of aliases ("billion laughs"), self-references and anchors redefined.</summary>
    public static string Bomb(Random random)
    {
        var levels = 3 + random.Next(12);
        var width = 2 + random.Next(9);
        var text = new StringBuilder("a0: &a0 [x, y]\n");
        for (var i = 1; i < levels; i++)
            text.Append($"a{i}: &a{i} [").Append(string.Join(", ", Enumerable.Repeat($"*a{i - 1}", width))).Append("]\n");
        switch (random.Next(4))
        {
            case 0: text.Append("self: &s {k: *s}\n"); break;
            case 1: text.Append("again: &a0 z\nuse: *a0\n"); break;
            case 2: text.Append("<<: [*a1, *a2]\n"); break;
        }
        return text.ToString();
    }
}
