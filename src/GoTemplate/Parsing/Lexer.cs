namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>
/// Splits template text into tokens: text between actions, and the words of each <c>{{ }}</c> action.
/// Trim markers (<c>{{- </c> and <c> -}}</c>) remove the white space next to them; comments
/// (<c>{{/* */}}</c>) are dropped. Lexing stops at the first error, which becomes an error token.
/// </summary>
public sealed partial class Lexer
{
    private const string LeftDelim = "{{";
    private const string RightDelim = "}}";

    private readonly string _input;
    private readonly LineMap _lines;
    private readonly List<Token> _tokens = [];
    private int _start;
    private int _pos;
    private int _parenDepth;

    private Lexer(string input)
    {
        _input = input;
        _lines = new LineMap(input);
    }

    public static List<Token> Tokenize(string input)
    {
        var lexer = new Lexer(input);
        lexer.Run();
        return lexer._tokens;
    }

    private void Run()
    {
        while (LexText() && LexLeftDelim())
        {
        }
    }

    // Text up to the next left delimiter; false at the end of the input.
    private bool LexText()
    {
        var at = _input.IndexOf(LeftDelim, _pos, StringComparison.Ordinal);
        if (at < 0)
        {
            _pos = _input.Length;
            if (_pos > _start)
            {
                Emit(TokenKind.Text);
            }
            Emit(TokenKind.Eof);
            return false;
        }
        var textEnd = at;
        if (HasLeftTrimMarker(at + LeftDelim.Length))
        {
            while (textEnd > _start && IsSpace(_input[textEnd - 1]))
            {
                textEnd--;
            }
        }
        if (textEnd > _start)
        {
            _pos = textEnd;
            Emit(TokenKind.Text);
        }
        _start = _pos = at;
        return true;
    }

    private bool LexLeftDelim()
    {
        var afterDelim = _pos + LeftDelim.Length;
        var marker = HasLeftTrimMarker(afterDelim) ? 2 : 0;
        if (string.CompareOrdinal(_input, afterDelim + marker, "/*", 0, 2) == 0)
        {
            _start = _pos = afterDelim + marker;
            return LexComment();
        }
        _pos = afterDelim;
        Emit(TokenKind.LeftDelim);
        _start = _pos = afterDelim + marker;
        _parenDepth = 0;
        return LexInsideAction();
    }

    private bool LexComment()
    {
        var close = _input.IndexOf("*/", _pos, StringComparison.Ordinal);
        if (close < 0)
        {
            return Error("unclosed comment");
        }
        _pos = close + 2;
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Error("comment ends before closing delimiter");
        }
        _pos += (trim ? 2 : 0) + RightDelim.Length;
        if (trim)
        {
            SkipSpace();
        }
        _start = _pos;
        return true;
    }

    private void LexRightDelim(bool trim)
    {
        if (trim)
        {
            _start = _pos += 2;
        }
        _pos += RightDelim.Length;
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            SkipSpace();
            _start = _pos;
        }
    }

    private void SkipSpace()
    {
        while (_pos < _input.Length && IsSpace(_input[_pos]))
        {
            _pos++;
        }
    }

    private (bool Delim, bool Trim) AtRightDelim()
    {
        if (HasRightTrimMarker(_pos) && string.CompareOrdinal(_input, _pos + 2, RightDelim, 0, 2) == 0)
        {
            return (true, true);
        }
        return (string.CompareOrdinal(_input, _pos, RightDelim, 0, 2) == 0, false);
    }

    private bool HasLeftTrimMarker(int at) => at + 1 < _input.Length && _input[at] == '-' && IsSpace(_input[at + 1]);

    private bool HasRightTrimMarker(int at) => at + 1 < _input.Length && IsSpace(_input[at]) && _input[at + 1] == '-';

    private static bool IsSpace(int c) => c is ' ' or '\t' or '\r' or '\n';

    private void Emit(TokenKind kind)
    {
        _tokens.Add(new Token(kind, _start, _input[_start.._pos], _lines.LineOf(_start)));
        _start = _pos;
    }

    private bool Error(string message)
    {
        _tokens.Add(new Token(TokenKind.Error, _start, message, _lines.LineOf(_start)));
        return false;
    }
}
