using GitOpsHQ.GoTemplate;
using GitOpsHQ.Helm.Rendering;

// Expected texts are those of Helm's converters and Sprig 3.2.3 under Go 1.19 (the oracle's versions).
namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// Helm's <c>toToml</c> and Sprig's JSON converters (<c>toPrettyJson</c>, <c>toRawJson</c>, the <c>must…</c> forms),
/// and times and durations in <c>toJson</c>/<c>toYaml</c>, rendered with Helm's functions in deterministic mode
/// (<c>now</c> is 2024-01-01T00:00:00Z).
/// </summary>
public class DataConverterTests
{
    private static string Render(string text)
    {
        var set = new TemplateSet(functions: HelmFunctions.Create(deterministic: true)) { MissingKey = MissingKeyMode.Zero };
        set.Parse("t", text);
        return set.Execute("t", new Dictionary<string, object?>());
    }

    private static string CallError(string text)
    {
        var message = Assert.ThrowsAny<TemplateException>(() => Render(text)).Message;
        return message[message.IndexOf("error calling", StringComparison.Ordinal)..];
    }

    [Fact]
    public void FromYaml_of_the_same_text_gives_a_new_value_each_time()
    {
        // What one call gives may be changed by the template; a later call of the same text is not affected.
        Assert.Equal(
            "map[a:map[b:1 c:2] l:[x y]]|map[a:map[b:1] l:[x]]|[x y]|[x]",
            Render("{{ $t := \"a:\\n  b: 1\\nl: [x]\\n\" }}{{ $m := fromYaml $t }}{{ $_ := set $m.a \"c\" 2 }}{{ $_ := set $m \"l\" (append $m.l \"y\") }}"
                + "{{ $m }}|{{ fromYaml $t }}|{{ $l := fromYamlArray \"[x]\" }}{{ append $l \"y\" }}|{{ fromYamlArray \"[x]\" }}"));
    }

    [Fact]
    public void ToToml_writes_plain_keys_first_then_tables_with_indented_headers()
    {
        Assert.Equal(
            "a = 1\nname = \"x\"\n\n[server]\n  port = 8080\n  [server.tls]\n    on = true\n\n[z]\n",
            Render("{{ toToml (dict \"server\" (dict \"tls\" (dict \"on\" true) \"port\" 8080) \"name\" \"x\" \"a\" 1 \"z\" (dict) \"n\" nil) }}"));
    }

    [Fact]
    public void ToToml_writes_lists_of_maps_as_arrays_of_tables_and_maps_in_mixed_lists_inline()
    {
        Assert.Equal(
            "[[m]]\n  a = 1\n  [m.s]\n    x = 1\n\n[[m]]\n  y = [[{w = 1}]]\n\n  [[m.z]]\n    q = 1\n",
            Render("{{ toToml (dict \"m\" (list (dict \"a\" 1 \"s\" (dict \"x\" 1)) (dict \"z\" (list (dict \"q\" 1)) \"y\" (list (list (dict \"w\" 1)))))) }}"));
        // A null entry is skipped after its separator was decided, as the encoder does.
        Assert.Equal(
            "l = [1, {a = 1, }, {a = 1, s = {x = 1}}, {}]\n",
            Render("{{ toToml (dict \"l\" (list 1 (dict \"z\" nil \"a\" 1) (dict \"a\" 1 \"s\" (dict \"x\" 1)) (dict))) }}"));
    }

    [Theory]
    [InlineData("(dict \"f\" 2.0 \"g\" 1e21 \"h\" 1e-7 \"i\" (int64 -7) \"n\" (float64 \"NaN\") \"p\" (float64 \"Inf\") \"q\" (float64 \"-Inf\"))",
        "f = 2.0\ng = 1000000000000000000000.0\nh = 0.0000001\ni = -7\nn = nan\np = +inf\nq = -inf\n")]
    [InlineData("(dict \"s\" \"a\\\"b\\\\c\\x01\\x7f\\tü\" \"ü\" 1 \"a.b\" 2 \"A_b-9\" 3 \"\" 4)",
        "\"\" = 4\nA_b-9 = 3\n\"a.b\" = 2\ns = \"a\\\"b\\\\c\\u0001\\u007f\\tü\"\n\"ü\" = 1\n")]
    [InlineData("(dict \"x y\" (dict \"k\\\"\" (dict \"z\" 1)))", "[\"x y\"]\n  [\"x y\".\"k\\\"\"]\n    z = 1\n")]
    [InlineData("(dict \"t\" now \"d\" (now.Sub (toDate \"2006\" \"2023\")) \"l\" (list (toDate \"2006-01-02T15:04:05Z07:00\" \"2021-03-04T05:06:07+05:45\")) \"m\" now.Month)",
        "d = \"8760h0m0s\"\nl = [2021-03-04T05:06:07+05:45]\nm = 1\nt = 2024-01-01T00:00:00Z\n")]
    public void ToToml_writes_scalars_as_the_encoder_does(string value, string expected) =>
        Assert.Equal(expected, Render("{{ toToml " + value + " }}"));

    [Theory]
    [InlineData("\"x\"", "toml: top-level values must be Go maps or structs")]
    [InlineData("(list (dict \"a\" 1))", "toml: top-level values must be Go maps or structs")]
    [InlineData("now", "toml: top-level values must be Go maps or structs")]
    [InlineData("(dict \"l\" (list 1 nil))", "toml: cannot encode array with nil element")]
    [InlineData("(dict \"m\" (list (dict \"l\" (list (list nil)))))", "toml: cannot encode array with nil element")]
    [InlineData("(dict)", "")]
    public void ToToml_prints_the_encoders_error_as_its_result(string value, string expected) =>
        Assert.Equal(expected, Render("{{ toToml " + value + " }}"));

    [Fact]
    public void ToToml_of_nothing_fails_the_render() =>
        Assert.Equal("error calling toToml: reflect: call of reflect.Value.Type on zero Value", CallError("{{ toToml .missing }}"));

    [Fact]
    public void ToPrettyJson_indents_two_spaces_and_keeps_empty_collections_short()
    {
        Assert.Equal(
            "{\n  \"a\": [\n    1,\n    \"\\u003c\"\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": {\n    \"e\": null\n  }\n}",
            Render("{{ toPrettyJson (dict \"d\" (dict \"e\" nil) \"c\" (list) \"b\" (dict) \"a\" (list 1 \"<\")) }}"));
        Assert.Equal("null 1.5 \"x\"", Render("{{ toPrettyJson nil }} {{ toPrettyJson 1.5 }} {{ toPrettyJson \"x\" }}"));
    }

    [Fact]
    public void ToRawJson_leaves_HTML_characters_but_not_line_separators() =>
        Assert.Equal("{\"a\":\"<&>\\u2028\"} {\"a\":\"\\u003c\\u0026\\u003e\\u2028\"}", Render("{{ toRawJson (dict \"a\" \"<&>\\u2028\") }} {{ mustToJson (dict \"a\" \"<&>\\u2028\") }}"));

    [Theory]
    [InlineData("toJson (float64 \"NaN\")")]
    [InlineData("toPrettyJson (dict \"x\" (float64 \"Inf\"))")]
    [InlineData("toYaml (list (float64 \"-Inf\"))")]
    [InlineData("toJson (now.AddDate 10000 0 0)")]
    [InlineData("toYaml (now.AddDate -2025 0 0)")]
    public void Values_JSON_cannot_hold_print_nothing(string call) => Assert.Equal("", Render("{{ " + call + " }}"));

    [Theory]
    [InlineData("mustToJson (float64 \"NaN\")", "error calling mustToJson: json: unsupported value: NaN")]
    [InlineData("mustToPrettyJson (dict \"a\" (float64 \"Inf\"))", "error calling mustToPrettyJson: json: unsupported value: +Inf")]
    [InlineData("toRawJson (list (float64 \"-Inf\"))", "error calling toRawJson: json: unsupported value: -Inf")]
    [InlineData("mustToRawJson (now.AddDate 10000 0 0)", "error calling mustToRawJson: json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]")]
    public void Must_forms_and_toRawJson_fail_with_Gos_wording(string call, string expected) =>
        Assert.Equal(expected, CallError("{{ " + call + " }}"));

    [Fact]
    public void MustFromJson_reads_any_JSON_value_with_numbers_as_float64() =>
        Assert.Equal(
            "[1 2.5 x <nil> map[a:[true]]] float64 3 <nil> s",
            Render("{{ mustFromJson \"[1,2.5,\\\"x\\\",null,{\\\"a\\\":[true]}]\" }} {{ printf \"%T %v\" (mustFromJson \"3\") (mustFromJson \" 3 \") }} {{ mustFromJson \"null\" | printf \"%v\" }} {{ mustFromJson \"\\\"s\\\"\" }}"));

    [Theory]
    [InlineData("x", "invalid character 'x' looking for beginning of value")]
    [InlineData("", "unexpected end of JSON input")]
    [InlineData("[1,", "unexpected end of JSON input")]
    [InlineData("{\\\"a\\\" 1}", "invalid character '1' after object key")]
    [InlineData("[1] x", "invalid character 'x' after top-level value")]
    [InlineData("tru", "invalid character ' ' in literal true (expecting 'e')")]
    [InlineData("nul!", "invalid character '!' in literal null (expecting 'l')")]
    [InlineData("{\\\"a\\\":1,}", "invalid character '}' looking for beginning of object key string")]
    [InlineData("01", "invalid character '1' after top-level value")]
    [InlineData("-x", "invalid character 'x' in numeric literal")]
    [InlineData("1.e", "invalid character 'e' after decimal point in numeric literal")]
    [InlineData("1e+", "invalid character ' ' in exponent of numeric literal")]
    [InlineData("\\\"\\\\x\\\"", "invalid character 'x' in string escape code")]
    [InlineData("\\\"\\\\u12g4\\\"", "invalid character 'g' in \\u hexadecimal character escape")]
    [InlineData("\\\"a\\nb\\\"", "invalid character '\\n' in string literal")]
    public void MustFromJson_fails_with_Gos_syntax_errors(string json, string expected) =>
        Assert.Equal("error calling mustFromJson: " + expected, CallError("{{ mustFromJson \"" + json + "\" }}"));

    [Fact]
    public void Times_are_RFC_3339_text_and_durations_integers_in_JSON_and_YAML()
    {
        const string Values = "(dict \"t\" now \"d\" (now.Sub $t) \"l\" (list (now.Add 1500) $t.UTC (dict \"w\" now.Weekday)))";
        const string T = "{{ $t := toDate \"2006-01-02T15:04:05.999999999Z07:00\" \"2021-03-04T05:06:07.089+05:45\" }}";
        Assert.Equal(
            "{\"d\":89253532911000000,\"l\":[\"2024-01-01T00:00:00.0000015Z\",\"2021-03-03T23:21:07.089Z\",{\"w\":1}],\"t\":\"2024-01-01T00:00:00Z\"}",
            Render(T + "{{ toJson " + Values + " }}"));
        Assert.Equal(
            "d: 89253532911000000\nl:\n- \"2024-01-01T00:00:00.0000015Z\"\n- \"2021-03-03T23:21:07.089Z\"\n- w: 1\nt: \"2024-01-01T00:00:00Z\"",
            Render(T + "{{ toYaml " + Values + " }}"));
        Assert.Equal(
            "{\n  \"d\": 0,\n  \"t\": \"2021-03-04T05:06:07.089+05:45\"\n}",
            Render(T + "{{ toPrettyJson (dict \"t\" $t \"d\" (now.Sub now)) }}"));
    }
}
