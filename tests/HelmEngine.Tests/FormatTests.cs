// Expected texts are those of Go's text/template (Go 1.19, the oracle's version).
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>printf verbs, flags, widths and precision, and Go's error forms.</summary>
public class FormatTests
{
    /// <summary>%d %x %X %o %O %b %c %q %U with flags.</summary>
    [Theory]
    [InlineData("{{ printf \"%d|%5d|%-5d|%05d|%+d|%x|%X|%o|%O|%b|%c|%q|%U|%#U|%#x|%#o\" 42 42 42 42 42 255 255 8 8 5 65 65 65 65 255 8 }}", "42|   42|42   |00042|+42|ff|FF|10|0o10|101|A|'A'|U+0041|U+0041 'A'|0xff|010")]
    [InlineData("{{ printf \"%08.3f|%-08d|%+08d|% 08d|%#o|%#b|%O|%x|%#X\" -1.5 5 5 5 0 5 -8 -1 255 }}", "-001.500|5       |+0000005| 0000005|0|0b101|-0o10|-1|0XFF")]
    [InlineData("{{ printf \"%3c|%-4q|%U|%#U|%c|%q\" 0x1F600 65 0x1F600 0x1F600 -1 0x110000 }}", "  \U0001f600|'A' |U+1F600|U+1F600 '\U0001f600'|�|'�'")]
    [InlineData("{{ printf \"%c|%c|%U|%q\" 0x0a 0xD800 0x0a 0x0a }}", "\n|�|U+000A|'\\n'")]
    [InlineData("{{ printf \"%d %d\" -9223372036854775808 9223372036854775807 }} {{ printf \"%x\" -9223372036854775808 }}", "-9223372036854775808 9223372036854775807 -8000000000000000")]
    [InlineData("{{ printf \"%.3d|%.0d|%5.0d|%#08x|%v\" 7 0 0 255 .U }}", "007||     |0x000000ff|9")]
    public void Integer_verbs(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>%v %e %f %g %x on floats, rounding half to even on exact values.</summary>
    [Theory]
    [InlineData("{{ printf \"%f|%.2f|%8.3f|%e|%E|%g|%G|%v|%.3g|%F|%+.1f|%x\" 3.14159 3.14159 3.14159 314159.0 0.000123 1e21 1e-7 2.5 3.14159 1.0 2.0 1.5 }}", "3.141590|3.14|   3.142|3.141590e+05|1.230000E-04|1e+21|1E-07|2.5|3.14|1.000000|+2.0|0x1.8p+00")]
    [InlineData("{{ printf \"%v %v %v %v %v\" 100000000.0 1e-5 123456789012.0 0.1 1e6 }} {{ 1.5e300 }} {{ printf \"%g\" 100000.0 }} {{ printf \"%e\" 0.0 }}", "1e+08 1e-05 1.23456789012e+11 0.1 1e+06 1.5e+300 100000 0.000000e+00")]
    [InlineData("{{ printf \"%.0f %.0f %.0f %.1f %.2f %.3e %g %g %g\" 0.5 1.5 2.5 0.25 1.005 12345.0 1e-4 1e-5 123456.0 }}", "0 2 2 0.2 1.00 1.234e+04 0.0001 1e-05 123456")]
    [InlineData("{{ printf \"%v %v %v %v\" 1e100 5e-324 1.7976931348623157e308 0.1 }} {{ printf \"%.20f\" 0.1 }}", "1e+100 5e-324 1.7976931348623157e+308 0.1 0.10000000000000000555")]
    [InlineData("{{ printf \"%6.2f|%-8.3e|%08.3f|% d|% d|%+.2e|%#g|%#.3x\" 3.14159 1234.5 -3.14159 5 -5 12345.678 1.0 3.5 }}", "  3.14|1.234e+03|-003.142| 5|-5|+1.23e+04|1.00000|0x1.c00p+01")]
    [InlineData("{{ printf \"%e %E %.0e %g %G %.10g\" 1e300 1e-300 5.5 1e-10 1e21 1.0 }} {{ printf \"%b\" 1.0 }} {{ printf \"%v\" 2e-308 }}", "1.000000e+300 1.000000E-300 6e+00 1e-10 1E+21 1 4503599627370496p-52 2e-308")]
    [InlineData("{{ printf \"%v %v %v %v\" 0.000001 0.0000001 123456.7 1234567.8 }} {{ printf \"%.2f %.2f %.0f %.3f\" 2.675 1e20 1e22 -0.0005 }}", "1e-06 1e-07 123456.7 1.2345678e+06 2.67 100000000000000000000.00 10000000000000000000000 -0.001")]
    [InlineData("{{ printf \"%08.2f|%+.3e|% .2f|%-8.2f|%+08d|%x|%#X|% x\" -3.14159 12345.6789 2.5 2.5 -42 3.0 255 -255 }}", "-0003.14|+1.235e+04| 2.50|2.50    |-0000042|0x1.8p+01|0XFF|-ff")]
    [InlineData("{{ printf \"%v %.2v %6.2v\" 'x' 3.14159 3.14159 }} {{ -0.0 }} {{ .f }}", "120 3.1    3.1 -0 3.14")]
    [InlineData("{{ printf \"%v %.1f %g\" 1.5i (1+2i) (1+0i) }}", "(0+1.5i) (1.0+2.0i) (1+0i)")]
    public void Float_verbs(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>%s %q %x %X on strings, with precision counted in runes.</summary>
    [Theory]
    [InlineData("{{ printf \"%s|%10s|%-10s|%.2s|%q|%x|%X|% x|%#q|%v|%+q\" \"héllo\" \"ab\" \"ab\" \"abc\" \"a\\\"b\\n\" \"hi\" \"hi\" \"hi\" \"a`b\" \"v\" \"é\" }}", "héllo|        ab|ab        |ab|\"a\\\"b\\n\"|6869|6869|68 69|\"a`b\"|v|\"\\u00e9\"")]
    [InlineData("{{ printf \"%5.1s|%.0s|%-5.2q|%.1x|% X|%# x\" \"abc\" \"abc\" \"abc\" \"abc\" \"abc\" \"abc\" }}", "    a||\"ab\" |61|61 62 63|0x61 0x62 0x63")]
    [InlineData("{{ \"\\a\\b\\f\\v\" | printf \"%q\" }} {{ printf \"%q\" \"\\u2028\\u00a0\\ufeff\" }} {{ printf \"%+q\" \"日本\" }} {{ printf \"%#q\" \"a\\tb\" }} {{ printf \"%#q\" \"a\\nb\" }}", "\"\\a\\b\\f\\v\" \"\\u2028\\u00a0\\ufeff\" \"\\u65e5\\u672c\" `a\tb` \"a\\nb\"")]
    [InlineData("{{ printf \"%6.2q|%-6q|%#v\" 'x' \"é\" \"é\" }} {{ printf \"%05s|%-05s|\" \"ab\" \"ab\" }}", "   'x'|\"é\"   |\"é\" 000ab|ab   |")]
    [InlineData("{{ printf \"%t %v %08v %-8v|\" false true true \"ab\" }}", "false true 0000true ab      |")]
    public void String_verbs(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>%v and friends on lists, maps and structs; verbs apply to each element.</summary>
    [Theory]
    [InlineData("{{ printf \"%v|%+v|%#v|%T|%T|%T|%T|%T\" .m .m .m .m .l .f .s nil }}", "map[a:1 b:2]|map[a:1 b:2]|map[string]interface {}{\"a\":1, \"b\":2}|map[string]interface {}|[]interface {}|float64|string|<nil>")]
    [InlineData("{{ printf \"%d|%s|%v\" .m .m .Obj }}|{{ printf \"%+v\" .Obj }}|{{ printf \"%#v\" .Obj }}", "map[%!d(string=a):%!d(float64=1) %!d(string=b):%!d(float64=2)]|map[a:%!s(float64=1) b:%!s(float64=2)]|{o 3}|{Name:o N:3}|main.Obj{Name:\"o\", N:3}")]
    [InlineData("{{ printf \"%#v|%#v|%#v|%#v|%#v\" .l .Strs .Ints \"s\" 1.0 }}", "[]interface {}{1, 2, 3}|[]string{\"a\", \"b\"}|[]int{1, 2, 3}|\"s\"|1")]
    [InlineData("{{ printf \"%#v|%#v|%#v|%+v|%x\" .a .mixed nil .a .m }}", "map[string]interface {}{\"b\":1, \"n\":interface {}(nil), \"s\":\"text\"}|[]interface {}{1, interface {}(nil), \"x\"}|<nil>|map[b:1 n:<nil> s:text]|map[61:0x1p+00 62:0x1p+01]")]
    [InlineData("{{ printf \"%5v|%-4v|%03v|%x|%q\" .mixed .m .l .l .mixed }}", "[    1 <nil>     x]|map[a   :1    b   :2   ]|[001 002 003]|[0x1p+00 0x1p+01 0x1.8p+01]|[%!q(float64=1) <nil> \"x\"]")]
    [InlineData("{{ printf \"%T %T %T %T %T %T %T %T\" 1 1.5 'a' \"s\" true .Fn .Obj .Strs }}", "int float64 int string bool func(int, int) int main.Obj []string")]
    public void Composite_values(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));

    /// <summary>Go reports bad verbs, missing and extra operands in the output.</summary>
    [Theory]
    [InlineData("{{ printf \"%d\" \"x\" }}|{{ printf \"%s\" 1 }}|{{ printf \"%d %d\" 1 }}|{{ printf \"%d\" 1 2 }}|{{ printf \"%z\" 1 }}", "%!d(string=x)|%!s(int=1)|1 %!d(MISSING)|1%!(EXTRA int=2)|%!z(int=1)")]
    [InlineData("{{ printf \"%!\" }}|{{ printf \"%\" }}|{{ printf \"%%\" }}|{{ printf \"%s\" nil }}|{{ printf \"%d\" nil }}", "%!!(MISSING)|%!(NOVERB)|%|%!s(<nil>)|%!d(<nil>)")]
    [InlineData("{{ printf \"%t|%t|%v|%s|%d\" true \"x\" true .l .l }}", "true|%!t(string=x)|true|[%!s(float64=1) %!s(float64=2) %!s(float64=3)]|[%!d(float64=1) %!d(float64=2) %!d(float64=3)]")]
    [InlineData("{{ printf \"%[1]*d|%[3]d|%[0]d|%[x]d|%.*d\" 5 3 }}", "    3|%!d(BADINDEX)|%!d(BADINDEX)|%!d(BADINDEX)|%!(BADPREC)%!d(MISSING)")]
    [InlineData("{{ printf \"%-*d|%*d|%.*d\" -3 1 \"x\" 2 -1 5 }}", "1  |%!(BADWIDTH)2|%!(BADPREC)5")]
    [InlineData("{{ printf \"%d %d\" 1 2 3 \"x\" nil }}", "1 2%!(EXTRA int=3, string=x, <nil>)")]
    [InlineData("{{ printf \"%[2]d %[1]d\" 1 2 }} {{ printf \"%[2]*[1]d|\" 12 5 }} {{ printf \"%5%|%-5d|\" 3 }}", "2 1    12| %|3    |")]
    [InlineData("{{ printf \"%s %v %d\" true 'x' \"s\" }}", "%!s(bool=true) 120 %!d(string=s)")]
    public void Printf_errors_are_written_into_the_text(string template, string expected) =>
        Assert.Equal(expected, Fixture.Render(template, MissingKeyMode.Zero));
}
