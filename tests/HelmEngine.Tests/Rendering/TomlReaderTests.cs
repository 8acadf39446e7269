using GitOpsHQ.GoTemplate;
using GitOpsHQ.Helm.Rendering;

// Expected texts are those of Helm's fromToml and toYamlPretty under the oracle's libraries.
namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Helm's <c>fromToml</c> (TOML into maps, lists, int64, float64, strings, booleans and times; errors under
/// "Error") and <c>toYamlPretty</c> (yaml.v3's layout with lists indented under their keys).
/// </summary>
public class TomlReaderTests
{
    private static string Render(string text, object? values = null)
    {
        var set = new TemplateSet(functions: HelmFunctions.Create(deterministic: true)) { MissingKey = MissingKeyMode.Zero };
        set.Parse("t", text);
        return set.Execute("t", values ?? new Dictionary<string, object?>());
    }

    private static string FromToml(string toml, string pipeline = "toJson") =>
        Render("{{ fromToml .doc | " + pipeline + " }}", new Dictionary<string, object?> { ["doc"] = toml });

    [Fact]
    public void Reads_tables_dotted_keys_inline_tables_and_arrays()
    {
        Assert.Equal(
            "{\"a\":1,\"arr\":[1,\"x\",[2],{\"q\":true}],\"s\":{\"t\":{\"u\":\"v\",\"w\":{\"x\":2}}},\"tab\":{\"k\":{\"y\":-3}}}",
            FromToml("a = 1\narr = [1, 'x', [2], {q = true}]\n[s.t]\nu = \"v\"\nw.x = 2\n[tab]\nk = { y = -3 }\n"));
    }

    [Fact]
    public void Arrays_of_tables_are_lists_of_maps()
    {
        Assert.Equal(
            "[]map[string]interface {} 2 map[x:[map[n:1]]]",
            Render("{{ $m := fromToml .doc }}{{ typeOf $m.a }} {{ len $m.a }} {{ index $m.a 1 }}",
                new Dictionary<string, object?> { ["doc"] = "[[a]]\n[[a]]\n[[a.x]]\nn = 1\n" }));
    }

    [Theory]
    [InlineData("a = 1_000", "int64 1000")]
    [InlineData("a = 0xDEAD_beef", "int64 3735928559")]
    [InlineData("a = 0o17", "int64 15")]
    [InlineData("a = 0b101", "int64 5")]
    [InlineData("a = -9223372036854775808", "int64 -9223372036854775808")]
    [InlineData("a = 6.02e+23", "float64 6.02e+23")]
    [InlineData("a = -inf", "float64 -Inf")]
    [InlineData("a = nan", "float64 NaN")]
    [InlineData("a = true", "bool true")]
    [InlineData("a = \"\\t\\u00e9\\U0001F600\"", "string \t\u00e9\U0001F600")]
    [InlineData("a = 'C:\\path'", "string C:\\path")]
    [InlineData("a = \"\"\"\nx\\\n   y\"\"\"", "string xy")]
    [InlineData("a = '''\nl1\nl2'''", "string l1\nl2")]
    [InlineData("a = 1979-05-27T07:32:00.5-07:00", "time.Time 1979-05-27 07:32:00.5 -0700 -0700")]
    [InlineData("a = 1979-05-27 07:32:00Z", "time.Time 1979-05-27 07:32:00 +0000 UTC")]
    [InlineData("a = 1979-05-27T07:32:00", "time.Time 1979-05-27 07:32:00 +0000 datetime-local")]
    [InlineData("a = 1979-05-27", "time.Time 1979-05-27 00:00:00 +0000 date-local")]
    [InlineData("a = 07:32:00.25", "time.Time 0000-01-01 07:32:00.25 +0000 time-local")]
    public void Reads_scalars_with_their_go_types(string toml, string expected)
    {
        Assert.Equal(expected, Render("{{ $v := (fromToml .doc).a }}{{ printf \"%T %v\" $v $v }}", new Dictionary<string, object?> { ["doc"] = toml }));
    }

    [Fact]
    public void Local_times_print_back_in_their_own_form()
    {
        Assert.Equal(
            "a = 1979-05-27T07:32:00\nb = 1979-05-27\nc = 07:32:00.5\nd = 1979-05-27T07:32:00-08:00\n",
            FromToml("a = 1979-05-27T07:32:00\nb = 1979-05-27\nc = 07:32:00.5\nd = 1979-05-27T07:32:00-08:00", "toToml"));
    }

    [Theory]
    [InlineData("a = ", "toml: line 0 (last key \"a\"): unexpected EOF; expected value")]
    [InlineData("a = 1\na = 2", "toml: line 2 (last key \"a\"): Key 'a' has already been defined.")]
    [InlineData("[a]\n[a]", "toml: line 2: Key 'a' has already been defined.")]
    [InlineData("a = 1x", "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'x' instead")]
    [InlineData("= 1", "toml: line 1: unexpected '=': key name appears blank")]
    [InlineData("a = 01", "toml: line 1 (last key \"a\"): Invalid integer \"01\": cannot have leading zeroes")]
    [InlineData("a = 9223372036854775808", "toml: line 1 (last key \"a\"): 9223372036854775808 is out of range for int64")]
    [InlineData("a = \"\\x\"", "toml: line 1 (last key \"a\"): invalid escape in string '\\x'")]
    [InlineData("a = tru", "toml: line 1 (last key \"a\"): expected value but found \"tru\" instead")]
    [InlineData("a = 1979-13-01", "toml: line 1 (last key \"a\"): Invalid TOML Datetime: \"1979-13-01\".")]
    [InlineData("a = [1]\n[[a]]", "toml: line 2: Key 'a' was already created and cannot be used as an array.")]
    [InlineData("a = {x = 1,}", "toml: line 1 (last key \"a.x\"): trailing comma not allowed in inline tables")]
    [InlineData("[t]\nv = 01", "toml: line 2 (last key \"t.v\"): Invalid integer \"01\": cannot have leading zeroes")]
    [InlineData("[a\n", "toml: line 2: expected '.' or ']' to end table name, but got '\\n' instead")]
    public void Errors_are_returned_under_the_error_key(string toml, string expected)
    {
        Assert.Equal(expected, FromToml(toml, "dig \"Error\" \"none\""));
    }

    [Fact]
    public void Hostile_nesting_is_an_error_not_a_crash()
    {
        var deep = "a = " + new string('[', 100_000) + new string(']', 100_000);
        var error = FromToml(deep, "dig \"Error\" \"none\"");
        Assert.StartsWith("toml: line 1 (last key \"a\"): arrays and inline tables nested deeper than", error);
        var nested = "a = " + string.Concat(Enumerable.Repeat("{b = ", 5000)) + "1" + new string('}', 5000);
        Assert.Contains("nested deeper than", FromToml(nested, "dig \"Error\" \"none\""));
        Assert.Equal("1", Render("{{ len (fromToml .doc).a }}", new Dictionary<string, object?> { ["doc"] = "a = " + new string('[', 500) + new string(']', 500) }));
    }

    [Fact]
    public void Oversized_documents_are_an_error()
    {
        var error = Assert.Throws<GoTomlException>(() => GoTomlReader.Read(new string('#', GoTomlReader.MaxLength + 1))).Message;
        Assert.StartsWith("toml: document of", error);
        Assert.Empty(GoTomlReader.Read(new string('#', 1000)));
    }

    [Fact]
    public void ToYamlPretty_indents_lists_under_keys_and_keeps_go_floats()
    {
        Assert.Equal(
            "a:\n  - 1\n  - x:\n      - 2\n      - - 3\nf: 1e+06\nnan: .nan\ns: " + new string('w', 3) + "\n",
            Render("{{ toYamlPretty (dict \"a\" (list 1 (dict \"x\" (list 2 (list 3)))) \"f\" (float64 1e6) \"nan\" (float64 \"NaN\") \"s\" \"www\") }}\n"));
        Assert.Equal("t: 2024-01-01T00:00:00Z", Render("{{ toYamlPretty (dict \"t\" now) }}"));
    }
}
