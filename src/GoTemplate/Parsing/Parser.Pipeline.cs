using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Nodes;

namespace GitOpsHQ.GoTemplate.Parsing;

public sealed partial class Parser
{
    private static readonly HashSet<TokenKind> OperandStarts =
    [
        TokenKind.Bool, TokenKind.CharConstant, TokenKind.Complex, TokenKind.Dot, TokenKind.Field,
        TokenKind.Identifier, TokenKind.Number, TokenKind.Nil, TokenKind.RawString, TokenKind.String,
        TokenKind.Variable, TokenKind.LeftParen,
    ];

    private PipeNode Pipeline(string context, TokenKind end)
    {
        var start = PeekNonSpace();
        var pipe = new PipeNode(start.Pos, start.Line);
        Declarations(pipe, context);
        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }
            if (!OperandStarts.Contains(token.Kind))
            {
                Unexpected(token, context);
            }
            Backup();
            pipe.Commands.Add(Command());
        }
    }

    // "$x :=", "$x =", and "$i, $v :=" in a range.
    private void Declarations(PipeNode pipe, string context)
    {
        while (PeekNonSpace() is { Kind: TokenKind.Variable } variable)
        {
            var mark = _next;
            Next();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                Declare(pipe, variable);
                return;
            }
            if (next.Kind == TokenKind.Char && next.Text == ",")
            {
                NextNonSpace();
                Declare(pipe, variable);
                if (context == "range" && pipe.Declarations.Count < 2)
                {
                    if (PeekNonSpace().Kind is TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen)
                    {
                        continue;
                    }
                    Fail("range can only initialize variables");
                }
                Fail($"too many declarations in {context}");
            }
            _next = mark;
            return;
        }
    }

    private void Declare(PipeNode pipe, Token variable)
    {
        pipe.Declarations.Add(new VariableNode(variable.Pos, variable.Text));
        _vars.Add(variable.Text);
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Commands.Count == 0)
        {
            Fail($"missing value for {context}");
        }
        for (var i = 1; i < pipe.Commands.Count; i++)
        {
            if (pipe.Commands[i].Args[0] is BoolNode or DotNode or NilNode or NumberNode or StringNode)
            {
                Fail($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var command = new CommandNode(PeekNonSpace().Pos);
        while (true)
        {
            PeekNonSpace();
            if (Operand() is { } operand)
            {
                command.Args.Add(operand);
            }
            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }
            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                Unexpected(token, "operand");
            }
            break;
        }
        if (command.Args.Count == 0)
        {
            Fail("empty command");
        }
        return command;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null || Peek().Kind != TokenKind.Field)
        {
            return node;
        }
        var chain = new ChainNode(Peek().Pos, node);
        while (Peek().Kind == TokenKind.Field)
        {
            chain.Fields.Add(Next().Text[1..]);
        }
        return node switch
        {
            FieldNode => new FieldNode(chain.Pos, chain.ToString()),
            VariableNode => new VariableNode(chain.Pos, chain.ToString()),
            BoolNode or StringNode or NumberNode or NilNode or DotNode =>
                Fail<Node>($"unexpected . after term {GoQuote.Quote(node.ToString())}"),
            _ => chain,
        };
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                if (!_hasFunction(token.Text))
                {
                    Fail($"function {GoQuote.Quote(token.Text)} not defined");
                }
                return new IdentifierNode(token.Pos, token.Text);
            case TokenKind.Dot:
                return new DotNode(token.Pos);
            case TokenKind.Nil:
                return new NilNode(token.Pos);
            case TokenKind.Variable:
                return UseVariable(token);
            case TokenKind.Field:
                return new FieldNode(token.Pos, token.Text);
            case TokenKind.Bool:
                return new BoolNode(token.Pos, token.Text == "true");
            case TokenKind.CharConstant or TokenKind.Complex or TokenKind.Number:
                var (number, error) = NumberLiteral.Parse(token.Text, token.Kind);
                return number is null ? Fail<Node>(error!) : new NumberNode(token.Pos, number);
            case TokenKind.LeftParen:
                EnterNesting();
                var pipe = Pipeline("parenthesized pipeline", TokenKind.RightParen);
                _depth--;
                return pipe;
            case TokenKind.String or TokenKind.RawString:
                var text = GoLiteral.Unquote(token.Text) ?? Fail<string>(GoLiteral.InvalidSyntax);
                return new StringNode(token.Pos, token.Text, text);
        }
        Backup();
        return null;
    }

    private VariableNode UseVariable(Token token)
    {
        var node = new VariableNode(token.Pos, token.Text);
        if (!_vars.Contains(node.Names[0]))
        {
            Fail($"undefined variable {GoQuote.Quote(node.Names[0])}");
        }
        return node;
    }
}
