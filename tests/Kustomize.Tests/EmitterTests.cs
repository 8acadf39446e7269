namespace GitOpsHQ.Kustomize.Tests;

/// <summary>The output format kustomize prints, checked on single values.</summary>
public sealed class EmitterTests
{
    private static string Value(string yaml) =>
        Build.One($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  v: {yaml}\n")
            .Split("\n  v:")[1].Split("\nkind:")[0];

    [Theory]
    [InlineData("\"true\"", " \"true\"")]
    [InlineData("\"yes\"", " \"yes\"")]
    [InlineData("\"1.0\"", " \"1.0\"")]
    [InlineData("\"0777\"", " \"0777\"")]
    [InlineData("\"12:30\"", " \"12:30\"")]
    [InlineData("\"\"", " \"\"")]
    [InlineData("\"a: b\"", " 'a: b'")]
    [InlineData("\"#x\"", " '#x'")]
    [InlineData("\"it's\"", " it's")]
    [InlineData("\"x\\ty\"", " \"x\\ty\"")]
    [InlineData("\"😀\"", " \"\\U0001F600\"")]
    [InlineData("héllo", " héllo")]
    public void Strings_are_quoted_only_when_kustomize_quotes_them(string input, string output) =>
        Assert.Equal(output, Value(input));

    [Theory]
    [InlineData("1.0", " 1")]
    [InlineData("1.5", " 1.5")]
    [InlineData("0777", " 511")]
    [InlineData("0x1F", " 31")]
    [InlineData("1e3", " 1000")]
    [InlineData("123456789.5", " 1.234567895e+08")]
    [InlineData("0.00001", " 1e-05")]
    [InlineData("True", " true")]
    [InlineData("~", " null")]
    [InlineData("2001-12-14", " \"2001-12-14T00:00:00Z\"")]
    public void Numbers_and_other_scalars_print_as_kustomize_prints_them(string input, string output) =>
        Assert.Equal(output, Value(input));

    [Fact]
    public void Multi_line_strings_are_literal_blocks_with_chomping() =>
        Assert.Equal(" |-\n    a\n    b", Value("\"a\\nb\""));

    [Fact]
    public void Long_plain_strings_fold_at_eighty_columns()
    {
        var words = string.Join(' ', Enumerable.Repeat("word", 30));
        var lines = Value(words).Split('\n');
        Assert.True(lines.Length > 1);
        Assert.All(lines.Skip(1), line => Assert.StartsWith("    word", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_are_sorted_naturally_and_lists_sit_at_the_key_indentation()
    {
        var output = Value("{a10: 1, a9: 2, B: 3, list: [x, {k: v}], e: {}, l: []}");
        Assert.Equal("\n    B: 3\n    a9: 2\n    a10: 1\n    e: {}\n    l: []\n    list:\n    - x\n    - k: v", output);
    }
}
