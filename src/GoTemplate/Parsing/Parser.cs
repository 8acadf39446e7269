using System.Runtime.CompilerServices;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Nodes;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>
/// Parses one template text into trees: the text's own body under its name, plus one tree per
/// <c>define</c> and <c>block</c>. Errors carry Go's parse error texts.
/// </summary>
public sealed partial class Parser
{
    private readonly string _parseName;
    private readonly LineMap _lines;
    private readonly List<Token> _tokens;
    private readonly Func<string, bool> _hasFunction;
    private readonly int _maxDepth;
    private readonly Dictionary<string, Tree> _trees = new(StringComparer.Ordinal);
    private List<string> _vars = ["$"];
    private int _rangeDepth;
    private int _actionLine;
    private int _next;
    private int _furthest;
    private int _depth;

    private Parser(string name, string text, Func<string, bool> hasFunction, int maxDepth)
    {
        _parseName = name;
        _lines = new LineMap(text);
        _tokens = Lexer.Tokenize(text);
        _hasFunction = hasFunction;
        _maxDepth = maxDepth;
    }

    /// <summary>Parses a text; the trees by name, or a <see cref="TemplateParseException"/>.</summary>
    public static Dictionary<string, Tree> Parse(string name, string text, Func<string, bool> hasFunction, int maxDepth)
    {
        var parser = new Parser(name, text, hasFunction, maxDepth);
        try
        {
            parser.ParseText();
        }
        catch (ParseFailure failure)
        {
            throw new TemplateParseException(name, failure.Line, failure.Message);
        }
        return parser._trees;
    }

    private void ParseText()
    {
        var root = new ListNode(Peek().Pos);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var mark = _next;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }
                _next = mark;
            }
            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                Fail($"unexpected {node}");
            }
            root.Nodes.Add(node);
        }
        AddTree(_parseName, root);
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var token = NextNonSpace();
        if (token.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(token, context);
        }
        var name = GoLiteral.Unquote(token.Text) ?? Fail<string>(GoLiteral.InvalidSyntax);
        Expect(TokenKind.RightDelim, context);
        var body = ParseBody(context);
        AddTree(name, body);
    }

    // The body of a define or block: its own variable scope, up to its {{end}}.
    private ListNode ParseBody(string context)
    {
        var (vars, rangeDepth) = (_vars, _rangeDepth);
        (_vars, _rangeDepth) = (["$"], 0);
        var (list, end) = ItemList();
        if (end is not DelimiterNode { IsElse: false })
        {
            Fail($"unexpected {end} in {context}");
        }
        (_vars, _rangeDepth) = (vars, rangeDepth);
        return list;
    }

    private void AddTree(string name, ListNode root)
    {
        if (!_trees.TryGetValue(name, out var existing) || existing.Root.IsEmpty)
        {
            _trees[name] = new Tree(name, _parseName, root, _lines);
            return;
        }
        if (!root.IsEmpty)
        {
            Fail($"template: multiple definition of template {GoQuote.Quote(name)}");
        }
    }

    private (ListNode List, Node End) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var node = TextOrAction();
            if (node is DelimiterNode)
            {
                return (list, node);
            }
            list.Nodes.Add(node);
        }
        return Fail<(ListNode, Node)>("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, token.Text);
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }
            default:
                Unexpected(token, "input");
                return null!;
        }
    }

    private void EnterNesting()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Fail("max expression depth exceeded");
        }
    }
}
