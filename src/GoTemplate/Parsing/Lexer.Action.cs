using System.Globalization;
using System.Text;
using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate.Parsing;

public sealed partial class Lexer
{
    private static readonly Dictionary<string, TokenKind> Keywords = new(StringComparer.Ordinal)
    {
        ["block"] = TokenKind.Block,
        ["break"] = TokenKind.Break,
        ["continue"] = TokenKind.Continue,
        ["define"] = TokenKind.Define,
        ["else"] = TokenKind.Else,
        ["end"] = TokenKind.End,
        ["if"] = TokenKind.If,
        ["range"] = TokenKind.Range,
        ["nil"] = TokenKind.Nil,
        ["template"] = TokenKind.Template,
        ["with"] = TokenKind.With,
    };

    private const int Eof = -1;

    // The words of one action, up to and including its right delimiter.
    private bool LexInsideAction()
    {
        while (true)
        {
            var (delim, trim) = AtRightDelim();
            if (delim)
            {
                if (_parenDepth != 0)
                {
                    return Error("unclosed left paren");
                }
                LexRightDelim(trim);
                return true;
            }
            var r = Peek();
            if (r == Eof)
            {
                return Error("unclosed action");
            }
            if (!LexWord(r))
            {
                return false;
            }
        }
    }

    private bool LexWord(int r)
    {
        switch (r)
        {
            case ' ' or '\t' or '\r' or '\n':
                LexSpace();
                return true;
            case '=':
                return Single(TokenKind.Assign);
            case ':':
                _pos++;
                if (Peek() != '=')
                {
                    return Error("expected :=");
                }
                _pos++;
                Emit(TokenKind.Declare);
                return true;
            case '|':
                return Single(TokenKind.Pipe);
            case '"':
                return LexQuoted('"', TokenKind.String, "unterminated quoted string");
            case '\'':
                return LexQuoted('\'', TokenKind.CharConstant, "unterminated character constant");
            case '`':
                return LexRawQuote();
            case '$':
                return LexFieldOrVariable(TokenKind.Variable);
            case '.' when _pos + 1 < _input.Length && _input[_pos + 1] is < '0' or > '9':
                return LexFieldOrVariable(TokenKind.Field);
            case '.' or '+' or '-' or (>= '0' and <= '9'):
                return LexNumber();
            case '(':
                _parenDepth++;
                return Single(TokenKind.LeftParen);
            case ')':
                _parenDepth--;
                return Single(TokenKind.RightParen);
        }
        if (IsAlphaNumeric(r))
        {
            return LexIdentifier();
        }
        if (r < 0x80 && r >= 0x20 && r != 0x7F)
        {
            return Single(TokenKind.Char);
        }
        return Error("unrecognized character in action: " + DescribeRune(r));
    }

    private bool Single(TokenKind kind)
    {
        _pos++;
        Emit(kind);
        return true;
    }

    private void LexSpace()
    {
        var count = 0;
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
            count++;
        }
        // A space followed by "-}}" belongs to the trim marker.
        if (HasRightTrimMarker(_pos - 1) && string.CompareOrdinal(_input, _pos + 1, RightDelim, 0, 2) == 0)
        {
            _pos--;
            if (count == 1)
            {
                return;
            }
        }
        Emit(TokenKind.Space);
    }

    private bool LexIdentifier()
    {
        while (IsAlphaNumeric(Peek()))
        {
            Advance();
        }
        if (!AtTerminator())
        {
            return Error("bad character " + DescribeRune(Peek()));
        }
        var word = _input[_start.._pos];
        if (Keywords.TryGetValue(word, out var keyword))
        {
            Emit(keyword);
        }
        else
        {
            Emit(word is "true" or "false" ? TokenKind.Bool : TokenKind.Identifier);
        }
        return true;
    }

    // After '$' or '.': a variable or field name, or "$" or "." alone.
    private bool LexFieldOrVariable(TokenKind kind)
    {
        _pos++;
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }
        while (IsAlphaNumeric(Peek()))
        {
            Advance();
        }
        if (!AtTerminator())
        {
            return Error("bad character " + DescribeRune(Peek()));
        }
        Emit(kind);
        return true;
    }

    private bool LexQuoted(char quote, TokenKind kind, string unterminated)
    {
        _pos++;
        while (true)
        {
            var r = Peek();
            if (r == Eof || r == '\n')
            {
                return Error(unterminated);
            }
            _pos++;
            if (r == '\\')
            {
                var escaped = Peek();
                if (escaped == Eof || escaped == '\n')
                {
                    return Error(unterminated);
                }
                Advance();
            }
            else if (r == quote)
            {
                Emit(kind);
                return true;
            }
        }
    }

    private bool LexRawQuote()
    {
        var close = _input.IndexOf('`', _pos + 1);
        if (close < 0)
        {
            return Error("unterminated raw quoted string");
        }
        _pos = close + 1;
        Emit(TokenKind.RawString);
        return true;
    }

    private bool AtTerminator()
    {
        var r = Peek();
        return r is Eof or ' ' or '\t' or '\r' or '\n' or '.' or ',' or '|' or ':' or ')' or '('
            || string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0;
    }

    private int Peek()
    {
        if (_pos >= _input.Length)
        {
            return Eof;
        }
        var c = _input[_pos];
        return char.IsHighSurrogate(c) && _pos + 1 < _input.Length && char.IsLowSurrogate(_input[_pos + 1])
            ? char.ConvertToUtf32(c, _input[_pos + 1])
            : c;
    }

    private void Advance() => _pos += Peek() > 0xFFFF ? 2 : 1;

    private static bool IsAlphaNumeric(int r)
    {
        if (r == '_')
        {
            return true;
        }
        if (r < 0 || r is >= 0xD800 and <= 0xDFFF)
        {
            return false;
        }
        var rune = new Rune(r);
        return Rune.IsLetter(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber;
    }

    /// <summary>A rune as Go's <c>%#U</c> prints it: <c>U+0040 '@'</c>.</summary>
    private static string DescribeRune(int r)
    {
        if (r < 0)
        {
            r = 0xFFFD;
        }
        var code = "U+" + r.ToString("X4", CultureInfo.InvariantCulture);
        return GoQuote.IsPrint(r) ? code + " '" + char.ConvertFromUtf32(r) + "'" : code;
    }
}
