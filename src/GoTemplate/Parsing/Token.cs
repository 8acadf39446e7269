using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>A token: its kind, offset in the template text, text, and the line it starts on.</summary>
public readonly record struct Token(TokenKind Kind, int Pos, string Text, int Line)
{
    /// <summary>The token as parse errors quote it: <c>"}"</c>, <c>&lt;end&gt;</c>, <c>EOF</c>.</summary>
    public override string ToString()
    {
        if (Kind == TokenKind.Eof)
        {
            return "EOF";
        }
        if (Kind == TokenKind.Error)
        {
            return Text;
        }
        if (Kind > TokenKind.Keyword)
        {
            return "<" + Text + ">";
        }
        if (System.Text.Encoding.UTF8.GetByteCount(Text) > 10)
        {
            return GoQuote.Quote(string.Concat(Text.EnumerateRunes().Take(10).Select(r => r.ToString()))) + "...";
        }
        return GoQuote.Quote(Text);
    }
}
