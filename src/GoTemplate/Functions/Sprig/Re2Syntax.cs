using System.Globalization;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig;

/// <summary>
/// Reads a Go (RE2) regular expression and writes the .NET pattern that matches the same way, refusing what Go
/// refuses (backreferences, lookarounds, possessive and nested repetitions, repeat counts over 1000…) with Go's
/// error text: <c>error parsing regexp: CODE: `EXPR`</c>.
/// </summary>
/// <remarks>
/// The translation keeps Go's meaning where .NET differs: <c>\d \s \w</c> and POSIX classes are ASCII,
/// <c>^</c>/<c>$</c> are text anchors unless <c>(?m)</c>, <c>.</c> excludes only <c>\n</c>, flags are
/// <c>i m s U</c> scoped to their group, and every capture group becomes <c>(?&lt;gN&gt;…)</c> numbered left to
/// right as Go numbers them (named groups keep their Go name in <see cref="GroupNames"/>).
/// </remarks>
internal sealed class Re2Syntax
{
    private const int MaxRepeat = 1000;
    private const int MaxNesting = 1000;

    private readonly string _whole;
    private int _pos;
    private readonly List<string> _names = [""];

    private Re2Syntax(string pattern) => _whole = pattern;

    /// <summary>The .NET pattern.</summary>
    public string Pattern { get; private set; } = "";

    /// <summary>
    /// Whether the pattern uses Go's ASCII word boundaries, written with lookarounds that only .NET's backtracking
    /// engine runs.
    /// </summary>
    public bool NeedsLookaround { get; private set; }

    private const string AsciiWordBoundary = @"(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))";
    private const string AsciiNonWordBoundary = @"(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))";

    /// <summary>Go's subexpression names: index 0 is the whole match, unnamed groups are "".</summary>
    public IReadOnlyList<string> GroupNames => _names;

    /// <summary>Translates a pattern, or throws <see cref="Re2SyntaxException"/> with Go's message.</summary>
    public static Re2Syntax Translate(string pattern)
    {
        var syntax = new Re2Syntax(pattern);
        var node = syntax.ParseAlternation(Flags.None, 0);
        if (syntax._pos < pattern.Length)
        {
            // Only a ')' with no group to close stops the top level early.
            throw syntax.Error("unexpected )", pattern);
        }
        var sb = new StringBuilder();
        node.Write(sb);
        syntax.Pattern = sb.ToString();
        return syntax;
    }

    [Flags]
    private enum Flags
    {
        None = 0,
        FoldCase = 1,
        MultiLine = 2,
        DotNewLine = 4,
        NonGreedy = 8,
    }

    private Re2SyntaxException Error(string code, string expr) => new($"error parsing regexp: {code}: `{expr}`");

    private bool AtEnd => _pos >= _whole.Length;

    private char Peek => _whole[_pos];

    // alternation := concatenation ('|' concatenation)*; stops at ')' or the end.
    private Node ParseAlternation(Flags flags, int depth)
    {
        if (depth > MaxNesting)
        {
            throw Error("expression nests too deeply", _whole);
        }
        var branches = new List<Node>();
        while (true)
        {
            var (branch, after) = ParseConcatenation(flags, depth);
            branches.Add(branch);
            flags = after;
            if (AtEnd || Peek != '|')
            {
                break;
            }
            _pos++;
        }
        return branches.Count == 1 ? branches[0] : new Node.Alternate(branches);
    }

    private (Node Node, Flags Flags) ParseConcatenation(Flags flags, int depth)
    {
        var items = new List<Node>();
        // Where the repetition operator just before this token started; -1 when the last token was not one.
        var lastRepeatStart = -1;
        while (!AtEnd && Peek is not ('|' or ')'))
        {
            var start = _pos;
            var c = Peek;
            switch (c)
            {
                case '*' or '+' or '?':
                    _pos++;
                    ApplyRepeat(items, flags, c == '+' ? 1 : 0, c == '?' ? 1 : -1, start, lastRepeatStart);
                    lastRepeatStart = start;
                    continue;
                case '{' when TryRepeat(out var min, out var max):
                    if (min < 0 || min > MaxRepeat || max > MaxRepeat || (max >= 0 && min > max))
                    {
                        throw Error("invalid repeat count", _whole[start.._pos]);
                    }
                    ApplyRepeat(items, flags, min, max, start, lastRepeatStart, counted: true);
                    lastRepeatStart = start;
                    continue;
                case '(':
                    if (_pos + 1 < _whole.Length && _whole[_pos + 1] == '?')
                    {
                        var group = ParsePerlGroup(ref flags, depth);
                        if (group is not null)
                        {
                            items.Add(group);
                        }
                    }
                    else
                    {
                        _pos++;
                        _names.Add("");
                        var index = _names.Count - 1;
                        items.Add(new Node.Capture(index, ParseGroupBody(flags, depth)));
                    }
                    break;
                case '^':
                    _pos++;
                    items.Add(new Node.Raw(flags.HasFlag(Flags.MultiLine) ? "(?m:^)" : @"\A"));
                    break;
                case '$':
                    _pos++;
                    items.Add(new Node.Raw(flags.HasFlag(Flags.MultiLine) ? "(?m:$)" : @"\z"));
                    break;
                case '.':
                    _pos++;
                    items.Add(new Node.Raw(flags.HasFlag(Flags.DotNewLine) ? AstralPair + @"[^\uD800-\uDFFF])" : AstralPair + @"[^\n\uD800-\uDFFF])"));
                    break;
                case '[':
                    items.Add(ParseClass(flags));
                    break;
                case '\\':
                    items.AddRange(ParseEscapeAtom(flags));
                    break;
                default:
                    items.Add(Literal(ReadRune(), flags));
                    break;
            }
            lastRepeatStart = -1;
        }
        return (items.Count == 1 ? items[0] : new Node.Concat(items), flags);
    }

    // Wraps the previous item in a repetition; a '?' after the operator flips greediness.
    private void ApplyRepeat(List<Node> items, Flags flags, int min, int max, int start, int lastRepeatStart, bool counted = false)
    {
        var greedy = !flags.HasFlag(Flags.NonGreedy);
        if (!AtEnd && Peek == '?')
        {
            _pos++;
            greedy = !greedy;
        }
        if (lastRepeatStart >= 0)
        {
            throw Error("invalid nested repetition operator", _whole[lastRepeatStart.._pos]);
        }
        if (items.Count == 0)
        {
            throw Error("missing argument to repetition operator", _whole[start.._pos]);
        }
        var repeat = new Node.Repeat(items[^1], min, max, greedy, counted);
        if (counted && (min >= 2 || max >= 2) && !repeat.IsValid(MaxRepeat))
        {
            throw Error("invalid repeat count", _whole[start.._pos]);
        }
        items[^1] = repeat;
    }

    // {n}, {n,} or {n,m}; anything else leaves '{' a literal. A number too big reads as -1.
    private bool TryRepeat(out int min, out int max)
    {
        min = max = 0;
        var i = _pos + 1;
        if (!ReadInt(ref i, out min) || i >= _whole.Length)
        {
            return false;
        }
        if (_whole[i] != ',')
        {
            max = min;
        }
        else
        {
            i++;
            if (i >= _whole.Length)
            {
                return false;
            }
            if (_whole[i] == '}')
            {
                max = -1;
            }
            else if (!ReadInt(ref i, out max))
            {
                return false;
            }
            else if (max < 0)
            {
                min = -1;
            }
        }
        if (i >= _whole.Length || _whole[i] != '}')
        {
            return false;
        }
        _pos = i + 1;
        return true;
    }

    private bool ReadInt(ref int i, out int value)
    {
        value = 0;
        var start = i;
        while (i < _whole.Length && char.IsAsciiDigit(_whole[i]))
        {
            i++;
        }
        if (i == start || (_whole[start] == '0' && i - start > 1))
        {
            // No digits, or a leading zero (Go's parser refuses "01").
            return false;
        }
        var digits = _whole[start..i];
        value = digits.Length > 9 ? -1 : int.Parse(digits, CultureInfo.InvariantCulture);
        return true;
    }

    // (?flags), (?flags:…), (?:…), (?P<name>…) and (?<name>…); null for a flags-only group.
    private Node? ParsePerlGroup(ref Flags flags, int depth)
    {
        var start = _pos;
        var rest = _whole.AsSpan(start);
        if ((rest.Length > 4 && rest[2] == 'P' && rest[3] == '<') || (rest.Length > 3 && rest[2] == '<'))
        {
            var begin = rest[2] == 'P' ? 4 : 3;
            var end = rest.IndexOf('>');
            if (end < 0)
            {
                throw Error("invalid named capture", rest.ToString());
            }
            var name = rest[begin..end].ToString();
            if (name.Length == 0 || !name.All(c => c == '_' || char.IsAsciiLetterOrDigit(c)))
            {
                throw Error("invalid named capture", rest[..(end + 1)].ToString());
            }
            _pos = start + end + 1;
            _names.Add(name);
            var index = _names.Count - 1;
            return new Node.Capture(index, ParseGroupBody(flags, depth));
        }
        _pos += 2;
        var updated = flags;
        var negate = false;
        var sawFlag = false;
        while (!AtEnd)
        {
            var c = ReadRune();
            Flags flag;
            switch (c)
            {
                case 'i':
                    flag = Flags.FoldCase;
                    break;
                case 'm':
                    flag = Flags.MultiLine;
                    break;
                case 's':
                    flag = Flags.DotNewLine;
                    break;
                case 'U':
                    flag = Flags.NonGreedy;
                    break;
                case '-' when !negate:
                    negate = true;
                    sawFlag = false;
                    continue;
                case ':' or ')' when !negate || sawFlag:
                    if (c == ')')
                    {
                        flags = updated;
                        return null;
                    }
                    return new Node.Group(ParseGroupBody(updated, depth));
                default:
                    throw Error("invalid or unsupported Perl syntax", _whole[start.._pos]);
            }
            updated = negate ? updated & ~flag : updated | flag;
            sawFlag = true;
        }
        throw Error("invalid or unsupported Perl syntax", _whole[start.._pos]);
    }

    // The inside of a group up to its ')'; flags set inside end with the group.
    private Node ParseGroupBody(Flags flags, int depth)
    {
        var body = ParseAlternation(flags, depth + 1);
        if (AtEnd)
        {
            throw Error("missing closing )", _whole);
        }
        _pos++;
        return body;
    }

    private int ReadRune()
    {
        var rune = char.ConvertToUtf32(_whole, _pos);
        _pos += char.IsSurrogatePair(_whole, _pos) ? 2 : 1;
        return rune;
    }

    // Under (?i) a character matches its whole case orbit as Go folds it (k K and the Kelvin sign, s S ſ…).
    private static Node Literal(int rune, Flags flags)
    {
        if (flags.HasFlag(Flags.FoldCase) && CaseOrbit.Of(rune) is { Count: > 1 } orbit)
        {
            return new Node.Raw("(?i:[" + string.Concat(orbit.Select(c => EscapeRune(c, inClass: true))) + "])");
        }
        return new Node.Raw(EscapeRune(rune, inClass: false));
    }

    private static string Fold(string pattern, Flags flags) => flags.HasFlag(Flags.FoldCase) ? "(?i:" + pattern + ")" : pattern;

    // An escape outside a class: anchors, \Q…\E, Unicode and Perl classes, or one character.
    private IEnumerable<Node> ParseEscapeAtom(Flags flags)
    {
        var start = _pos;
        if (_pos + 1 < _whole.Length)
        {
            switch (_whole[_pos + 1])
            {
                case 'A':
                    _pos += 2;
                    return [new Node.Raw(@"\A")];
                case 'z':
                    _pos += 2;
                    return [new Node.Raw(@"\z")];
                case 'b':
                    _pos += 2;
                    NeedsLookaround = true;
                    return [new Node.Raw(AsciiWordBoundary)];
                case 'B':
                    _pos += 2;
                    NeedsLookaround = true;
                    return [new Node.Raw(AsciiNonWordBoundary)];
                case 'C':
                    throw Error("invalid escape sequence", @"\C");
                case 'Q':
                    var end = _whole.IndexOf(@"\E", _pos + 2, StringComparison.Ordinal);
                    var text = end < 0 ? _whole[(_pos + 2)..] : _whole[(_pos + 2)..end];
                    _pos = end < 0 ? _whole.Length : end + 2;
                    var literals = new List<Node>();
                    for (var i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
                    {
                        literals.Add(Literal(char.ConvertToUtf32(text, i), flags));
                    }
                    return literals;
            }
        }
        var set = new ClassBuilder(flags.HasFlag(Flags.FoldCase));
        if (TryClassEscape(set))
        {
            return [new Node.Raw(Fold(ClassPattern(set, negated: false), flags))];
        }
        _pos = start;
        return [Literal(ParseEscape(), flags)];
    }

    // \p{…}, \pX, \d \s \w and their negations, added to a class; false (position unchanged) for anything else.
    private bool TryClassEscape(ClassBuilder set)
    {
        if (_pos + 1 >= _whole.Length || _whole[_pos] != '\\')
        {
            return false;
        }
        var c = _whole[_pos + 1];
        if (c is 'p' or 'P')
        {
            ParseUnicodeClass(set);
            return true;
        }
        if (c is 'd' or 'D' or 's' or 'S' or 'w' or 'W')
        {
            var ranges = char.ToLowerInvariant(c) switch
            {
                'd' => AsciiClasses.Digit,
                's' => AsciiClasses.PerlSpace,
                _ => AsciiClasses.Word,
            };
            set.AddRanges(ranges, negated: char.IsUpper(c));
            _pos += 2;
            return true;
        }
        return false;
    }

    private void ParseUnicodeClass(ClassBuilder set)
    {
        var start = _pos;
        var negated = _whole[_pos + 1] == 'P';
        _pos += 2;
        if (AtEnd)
        {
            // Go reads no name and reports the bare escape.
            throw Error("invalid character class range", _whole[start..]);
        }
        string seq, name;
        if (Peek != '{')
        {
            ReadRune();
            seq = _whole[start.._pos];
            name = seq[2..];
        }
        else
        {
            var end = _whole.IndexOf('}', start);
            if (end < 0)
            {
                throw Error("invalid character class range", _whole[start..]);
            }
            seq = _whole[start..(end + 1)];
            name = _whole[(start + 3)..end];
            _pos = end + 1;
        }
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }
        if (!UnicodeClasses.TryAdd(set, name, negated))
        {
            throw Error("invalid character class range", seq);
        }
    }

    // One escaped character: \a \f \t \n \r \v, octal \0…, hex \x41 or \x{263a}, or escaped punctuation.
    private int ParseEscape()
    {
        var start = _pos;
        _pos++;
        if (AtEnd)
        {
            throw Error("trailing backslash at end of expression", "");
        }
        var c = ReadRune();
        switch (c)
        {
            case >= '1' and <= '7' when !AtEnd && Peek is >= '0' and <= '7':
            case '0':
                var value = c - '0';
                for (var i = 1; i < 3 && !AtEnd && Peek is >= '0' and <= '7'; i++)
                {
                    value = (value * 8) + (_whole[_pos++] - '0');
                }
                return value;
            case 'x' when !AtEnd:
                var next = ReadRune();
                if (next == '{')
                {
                    var hex = 0;
                    var digits = 0;
                    while (!AtEnd)
                    {
                        var h = ReadRune();
                        if (h == '}')
                        {
                            if (digits > 0)
                            {
                                return hex;
                            }
                            break;
                        }
                        var v = HexValue(h);
                        if (v < 0 || (hex = (hex * 16) + v) > 0x10FFFF)
                        {
                            break;
                        }
                        digits++;
                    }
                    break;
                }
                if (AtEnd)
                {
                    break;
                }
                var low = ReadRune();
                if (HexValue(next) >= 0 && HexValue(low) >= 0)
                {
                    return (HexValue(next) * 16) + HexValue(low);
                }
                break;
            case 'a':
                return 7;
            case 'f':
                return 12;
            case 'n':
                return 10;
            case 'r':
                return 13;
            case 't':
                return 9;
            case 'v':
                return 11;
            case < 0x80 when !char.IsAsciiLetterOrDigit((char)c):
                return c;
        }
        throw Error("invalid escape sequence", _whole[start.._pos]);
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };

    // [...] with ranges, escapes, [:posix:] names, \p{…} and Perl classes; ']' first is a literal.
    private Node ParseClass(Flags flags)
    {
        var start = _pos;
        _pos++;
        var set = new ClassBuilder(flags.HasFlag(Flags.FoldCase));
        var negated = !AtEnd && Peek == '^';
        if (negated)
        {
            _pos++;
        }
        var first = true;
        while (AtEnd || Peek != ']' || first)
        {
            first = false;
            if (AtEnd)
            {
                throw Error("missing closing ]", _whole[start..]);
            }
            if (_whole.Length - _pos > 2 && Peek == '[' && _whole[_pos + 1] == ':')
            {
                var close = _whole.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                if (close >= 0)
                {
                    var name = _whole[_pos..(close + 2)];
                    if (!AsciiClasses.Posix.TryGetValue(name.Replace("^", "", StringComparison.Ordinal), out var ranges)
                        || name.LastIndexOf('^') > 2)
                    {
                        throw Error("invalid character class range", name);
                    }
                    set.AddRanges(ranges, negated: name[2] == '^');
                    _pos = close + 2;
                    continue;
                }
            }
            if (TryClassEscape(set))
            {
                continue;
            }
            var rangeStart = _pos;
            var lo = ClassChar(start);
            var hi = lo;
            if (_whole.Length - _pos >= 2 && Peek == '-' && _whole[_pos + 1] != ']')
            {
                _pos++;
                hi = ClassChar(start);
                if (hi < lo)
                {
                    throw Error("invalid character class range", _whole[rangeStart.._pos]);
                }
            }
            set.AddRange(lo, hi);
        }
        _pos++;
        return new Node.Raw(Fold(ClassPattern(set, negated), flags));
    }

    // Go matches code points: a character beyond U+FFFF (two UTF-16 units in .NET) matches a class as one
    // character when the class holds it, and its halves never match alone.
    private const string AstralPair = @"(?:[\uD800-\uDBFF][\uDC00-\uDFFF]|";

    private static string ClassPattern(ClassBuilder set, bool negated)
    {
        var astral = set.MatchesAstral != negated;
        var units = negated ? @"[^" + set + @"\uD800-\uDFFF]" : set.IsEmpty ? @"[^\s\S]" : "[" + set + "]";
        return astral ? AstralPair + units + ")" : units;
    }

    private int ClassChar(int classStart)
    {
        if (AtEnd)
        {
            throw Error("missing closing ]", _whole[classStart..]);
        }
        return Peek == '\\' ? ParseEscape() : ReadRune();
    }

    /// <summary>A character as a .NET pattern: letters and digits as they are, anything else escaped.</summary>
    internal static string EscapeRune(int rune, bool inClass)
    {
        if (rune < 0x80 && char.IsAsciiLetterOrDigit((char)rune))
        {
            return ((char)rune).ToString();
        }
        if (rune <= 0xFFFF)
        {
            return @"\u" + rune.ToString("X4", CultureInfo.InvariantCulture);
        }
        if (inClass)
        {
            throw new Re2SyntaxException("character classes with characters beyond U+FFFF are not supported");
        }
        var s = char.ConvertFromUtf32(rune);
        return @"(?:\u" + ((int)s[0]).ToString("X4", CultureInfo.InvariantCulture) + @"\u" + ((int)s[1]).ToString("X4", CultureInfo.InvariantCulture) + ")";
    }

    /// <summary>A parsed expression, written out as a .NET pattern.</summary>
    private abstract class Node
    {
        public abstract void Write(StringBuilder sb);

        /// <summary>Go's check that nested counted repetitions stay within n copies.</summary>
        public virtual bool IsValid(int n) => true;

        public sealed class Raw(string pattern) : Node
        {
            public override void Write(StringBuilder sb) => sb.Append(pattern);
        }

        public sealed class Concat(List<Node> items) : Node
        {
            public override void Write(StringBuilder sb)
            {
                foreach (var item in items)
                {
                    item.Write(sb);
                }
            }

            public override bool IsValid(int n) => items.All(i => i.IsValid(n));
        }

        public sealed class Alternate(List<Node> branches) : Node
        {
            public override void Write(StringBuilder sb)
            {
                for (var i = 0; i < branches.Count; i++)
                {
                    sb.Append(i > 0 ? "|" : "");
                    branches[i].Write(sb);
                }
            }

            public override bool IsValid(int n) => branches.All(b => b.IsValid(n));
        }

        public sealed class Group(Node body) : Node
        {
            public override void Write(StringBuilder sb)
            {
                sb.Append("(?:");
                body.Write(sb);
                sb.Append(')');
            }

            public override bool IsValid(int n) => body.IsValid(n);
        }

        public sealed class Capture(int index, Node body) : Node
        {
            public override void Write(StringBuilder sb)
            {
                sb.Append("(?<g").Append(index.ToString(CultureInfo.InvariantCulture)).Append('>');
                body.Write(sb);
                sb.Append(')');
            }

            public override bool IsValid(int n) => body.IsValid(n);
        }

        public sealed class Repeat(Node body, int min, int max, bool greedy, bool counted) : Node
        {
            public override void Write(StringBuilder sb)
            {
                sb.Append("(?:");
                body.Write(sb);
                sb.Append(')');
                sb.Append((min, max) switch
                {
                    (0, -1) => "*",
                    (1, -1) => "+",
                    (0, 1) when !counted => "?",
                    (_, -1) => "{" + min.ToString(CultureInfo.InvariantCulture) + ",}",
                    _ when min == max => "{" + min.ToString(CultureInfo.InvariantCulture) + "}",
                    _ => "{" + min.ToString(CultureInfo.InvariantCulture) + "," + max.ToString(CultureInfo.InvariantCulture) + "}",
                });
                if (!greedy)
                {
                    sb.Append('?');
                }
            }

            public override bool IsValid(int n)
            {
                if (counted)
                {
                    var m = max;
                    if (m == 0)
                    {
                        return true;
                    }
                    if (m < 0)
                    {
                        m = min;
                    }
                    if (m > n)
                    {
                        return false;
                    }
                    if (m > 0)
                    {
                        n /= m;
                    }
                }
                return body.IsValid(n);
            }
        }
    }
}

/// <summary>A Go regular expression that does not compile; the message is Go's.</summary>
internal sealed class Re2SyntaxException(string message) : Exception(message);
