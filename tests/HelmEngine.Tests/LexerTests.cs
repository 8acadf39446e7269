using GitOpsHQ.GoTemplate.Parsing;

namespace GitOpsHQ.HelmEngine.Tests;

public class LexerTests
{
    private static string Kinds(string text) =>
        string.Join(" ", Lexer.Tokenize(text).Select(t => t.Kind == TokenKind.Space ? "_" : $"{t.Kind}:{t.Text}"));

    [Fact]
    public void Text_and_an_action_become_tokens()
    {
        Assert.Equal("Text:a  LeftDelim:{{ _ Field:.x _ RightDelim:}} Text: b Eof:", Kinds("a {{ .x }} b"));
    }

    [Fact]
    public void Trim_markers_remove_white_space_from_neighbouring_text()
    {
        Assert.Equal("Text:a LeftDelim:{{ Field:.x RightDelim:}} Text:b Eof:", Kinds("a \n\t{{- .x -}}\r\n b"));
    }

    [Fact]
    public void A_minus_without_a_following_space_is_a_sign()
    {
        Assert.Equal("LeftDelim:{{ Number:-3 RightDelim:}} Eof:", Kinds("{{-3}}"));
    }

    [Fact]
    public void Comments_produce_no_tokens()
    {
        Assert.Equal("Text:x Text:y Eof:", Kinds("x{{/* a\ncomment */}}y"));
        Assert.Equal("Text:x Text:y Eof:", Kinds("x {{- /* c */ -}} y"));
    }

    [Fact]
    public void Words_of_an_action_have_their_kinds()
    {
        Assert.Equal(
            "LeftDelim:{{ Variable:$x _ Declare::= _ Identifier:printf _ String:\"%d\" _ Number:1 _ Pipe:| _ Identifier:len _ Variable:$ _ Dot:. _ Bool:true _ Nil:nil RightDelim:}} Eof:",
            Kinds("{{$x := printf \"%d\" 1 | len $ . true nil}}"));
        Assert.Equal(
            "LeftDelim:{{ LeftParen:( Field:.a Field:.b RightParen:) Field:.c _ Variable:$v Field:.d _ Char:, _ Assign:= RightDelim:}} Eof:",
            Kinds("{{(.a.b).c $v.d , =}}"));
    }

    [Fact]
    public void Keywords_are_recognised()
    {
        var kinds = Lexer.Tokenize("{{if}}{{else}}{{end}}{{range}}{{with}}{{define}}{{template}}{{block}}{{break}}{{continue}}")
            .Where(t => t.Kind > TokenKind.Keyword).Select(t => t.Kind);
        Assert.Equal(
            [TokenKind.If, TokenKind.Else, TokenKind.End, TokenKind.Range, TokenKind.With, TokenKind.Define,
             TokenKind.Template, TokenKind.Block, TokenKind.Break, TokenKind.Continue],
            kinds);
    }

    [Fact]
    public void Numbers_characters_and_strings_keep_their_literal_text()
    {
        Assert.Equal(
            "LeftDelim:{{ Number:0x1F _ Number:1e3 _ Number:1_000 _ CharConstant:'a' _ Complex:1+2i _ Number:2i _ RawString:`r\nw` RightDelim:}} Eof:",
            Kinds("{{0x1F 1e3 1_000 'a' 1+2i 2i `r\nw`}}"));
    }

    [Fact]
    public void Tokens_know_their_line()
    {
        var tokens = Lexer.Tokenize("a\nb {{ .x\n .y }}\n");
        Assert.Equal(2, tokens.Single(t => t.Text == ".x").Line);
        Assert.Equal(3, tokens.Single(t => t.Text == ".y").Line);
    }

    [Theory]
    [InlineData("{{ \"abc }}", "unterminated quoted string")]
    [InlineData("{{ .x", "unclosed action")]
    [InlineData("{{ .x- }}", "bad character U+002D '-'")]
    [InlineData("{{ \u00a7 }}", "unrecognized character in action: U+00A7 '\u00a7'")]
    [InlineData("{{ (1 }}", "unclosed left paren")]
    [InlineData("{{/* x", "unclosed comment")]
    public void Lexing_stops_at_the_first_error(string text, string message)
    {
        var last = Lexer.Tokenize(text)[^1];
        Assert.Equal(TokenKind.Error, last.Kind);
        Assert.Equal(message, last.Text);
    }
}
