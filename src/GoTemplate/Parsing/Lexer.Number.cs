namespace GitOpsHQ.GoTemplate.Parsing;

public sealed partial class Lexer
{
    private const string Decimal = "0123456789_";
    private const string Hexadecimal = "0123456789abcdefABCDEF_";

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            return Error("bad number syntax: " + Formatting.GoQuote.Quote(_input[_start.._pos]));
        }
        if (Peek() is '+' or '-')
        {
            // A complex constant such as 1+2i: no spaces, ends in 'i'.
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                return Error("bad number syntax: " + Formatting.GoQuote.Quote(_input[_start.._pos]));
            }
            Emit(TokenKind.Complex);
            return true;
        }
        Emit(TokenKind.Number);
        return true;
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = Decimal;
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = Hexadecimal;
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }
        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }
        if ((digits == Decimal && Accept("eE")) || (digits == Hexadecimal && Accept("pP")))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }
        Accept("i");
        if (IsAlphaNumeric(Peek()))
        {
            Advance();
            return false;
        }
        return true;
    }

    private bool Accept(string valid)
    {
        if (_pos < _input.Length && valid.Contains(_input[_pos]))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (Accept(valid))
        {
        }
    }
}
