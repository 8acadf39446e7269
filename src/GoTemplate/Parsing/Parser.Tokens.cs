namespace GitOpsHQ.GoTemplate.Parsing;

public sealed partial class Parser
{
    private Token At(int index) => index < _tokens.Count ? _tokens[index] : _tokens[^1];

    private Token Next()
    {
        var token = At(_next);
        _furthest = Math.Max(_furthest, _next);
        _next++;
        return token;
    }

    private Token Peek()
    {
        _furthest = Math.Max(_furthest, _next);
        return At(_next);
    }

    private void Backup() => _next--;

    private Token NextNonSpace()
    {
        Token token;
        do
        {
            token = Next();
        }
        while (token.Kind == TokenKind.Space);
        return token;
    }

    private Token PeekNonSpace()
    {
        var token = NextNonSpace();
        Backup();
        return token;
    }

    private Token Expect(TokenKind kind, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != kind)
        {
            Unexpected(token, context);
        }
        return token;
    }

    private void Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = "";
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = $" in action started at {_parseName}:{_actionLine}";
                if (token.Text.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }
            Fail(token.Text + extra);
        }
        Fail($"unexpected {token} in {context}");
    }

    private void Fail(string message) => Fail<bool>(message);

    // Parse errors report the line of the furthest token read, as Go's do.
    private T Fail<T>(string message) => throw new ParseFailure(message, At(_furthest).Line);
}
