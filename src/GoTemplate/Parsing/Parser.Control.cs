using GitOpsHQ.GoTemplate.Nodes;

namespace GitOpsHQ.GoTemplate.Parsing;

public sealed partial class Parser
{
    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl();
            case TokenKind.Break:
            case TokenKind.Continue:
                return LoopControl(token);
            case TokenKind.Else:
                return ElseControl();
            case TokenKind.End:
                return new DelimiterNode(Expect(TokenKind.RightDelim, "end").Pos, false);
            case TokenKind.If:
                return Branch(BranchKind.If);
            case TokenKind.Range:
                return Branch(BranchKind.Range);
            case TokenKind.Template:
                return TemplateControl();
            case TokenKind.With:
                return Branch(BranchKind.With);
        }
        Backup();
        var start = Peek();
        return new ActionNode(start.Pos, start.Line, Pipeline("command", TokenKind.RightDelim));
    }

    private Node LoopControl(Token keyword)
    {
        var name = keyword.Kind == TokenKind.Break ? "{{break}}" : "{{continue}}";
        var token = NextNonSpace();
        if (token.Kind != TokenKind.RightDelim)
        {
            Unexpected(token, name);
        }
        if (_rangeDepth == 0)
        {
            Fail($"{name} outside {{{{range}}}}");
        }
        return new LoopControlNode(keyword.Pos, keyword.Line, keyword.Kind == TokenKind.Break);
    }

    // "{{else if ...}}" and "{{else with ...}}" leave the keyword pending for the enclosing branch.
    private Node ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
        {
            return new DelimiterNode(peek.Pos, true);
        }
        return new DelimiterNode(Expect(TokenKind.RightDelim, "else").Pos, true);
    }

    private BranchNode Branch(BranchKind kind)
    {
        var context = kind.ToString().ToLowerInvariant();
        var varCount = _vars.Count;
        EnterNesting();
        var pipe = Pipeline(context, TokenKind.RightDelim);
        _rangeDepth += kind == BranchKind.Range ? 1 : 0;
        var (list, next) = ItemList();
        _rangeDepth -= kind == BranchKind.Range ? 1 : 0;
        ListNode? elseList = null;
        if (next is DelimiterNode { IsElse: true })
        {
            var chained = (kind, Peek().Kind) switch
            {
                (BranchKind.If, TokenKind.If) => BranchKind.If,
                (BranchKind.With, TokenKind.With) => BranchKind.With,
                _ => (BranchKind?)null,
            };
            if (chained is { } chainedKind)
            {
                // {{if a}}x{{else if b}}y{{end}} is {{if a}}x{{else}}{{if b}}y{{end}}{{end}}.
                Next();
                elseList = new ListNode(next.Pos);
                elseList.Nodes.Add(Branch(chainedKind));
            }
            else
            {
                (elseList, next) = ItemList();
                if (next is not DelimiterNode { IsElse: false })
                {
                    Fail($"expected end; found {next}");
                }
            }
        }
        _depth--;
        _vars.RemoveRange(varCount, _vars.Count - varCount);
        return new BranchNode(kind, pipe.Pos, pipe.Line, pipe, list, elseList);
    }

    private TemplateNode TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    // {{block "name" pipeline}}body{{end}} defines "name" and executes it in place.
    private TemplateNode BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = TemplateName(token, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        var body = ParseBody(context);
        AddTree(name, body);
        return new TemplateNode(token.Pos, token.Line, name, pipe);
    }

    private string TemplateName(Token token, string context)
    {
        if (token.Kind is not (TokenKind.String or TokenKind.RawString))
        {
            Unexpected(token, context);
        }
        return GoLiteral.Unquote(token.Text) ?? Fail<string>(GoLiteral.InvalidSyntax);
    }
}
