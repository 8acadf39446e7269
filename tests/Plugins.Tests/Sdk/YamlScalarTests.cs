using GitOpsHQ.GoYaml;
using GitOpsHQ.Plugins.Sdk.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Plugins.Tests.Sdk;

public class YamlScalarTests
{
    [Theory]
    [InlineData("", ScalarKind.Null)]
    [InlineData("~", ScalarKind.Null)]
    [InlineData("null", ScalarKind.Null)]
    [InlineData("true", ScalarKind.Boolean)]
    [InlineData("yes", ScalarKind.Boolean)]
    [InlineData("Off", ScalarKind.Boolean)]
    [InlineData("42", ScalarKind.Integer)]
    [InlineData("-7", ScalarKind.Integer)]
    [InlineData("1_000", ScalarKind.Integer)]
    [InlineData("0x1F", ScalarKind.Integer)]
    [InlineData("0o17", ScalarKind.Integer)]
    [InlineData("1.5", ScalarKind.Float)]
    [InlineData("1.0", ScalarKind.Float)]
    [InlineData("1e3", ScalarKind.Float)]
    [InlineData(".inf", ScalarKind.Float)]
    [InlineData("08", ScalarKind.Float)]
    [InlineData("1.2.3", ScalarKind.String)]
    [InlineData("v1", ScalarKind.String)]
    [InlineData("nginx", ScalarKind.String)]
    [InlineData("18446744073709551615", ScalarKind.Integer)]
    [InlineData("99999999999999999999", ScalarKind.Float)]
    public void Plain_scalars_resolve_as_kubernetes_tooling_reads_them(string text, ScalarKind kind)
    {
        Assert.Equal(kind, YamlScalar.ResolvePlain(text).Kind);
    }

    [Fact]
    public void Typed_values_are_kept()
    {
        Assert.Equal(31L, YamlScalar.ResolvePlain("0x1F").Value);
        Assert.Equal(true, YamlScalar.ResolvePlain("on").Value);
        Assert.Equal(1.5, YamlScalar.ResolvePlain("1.5").Value);
        Assert.Equal(18446744073709551615UL, YamlScalar.ResolvePlain("18446744073709551615").Value);
    }

    [Theory]
    [InlineData("'42'")]
    [InlineData("\"true\"")]
    [InlineData("!!str 42")]
    [InlineData("|\n  42")]
    public void Quoted_block_and_str_tagged_scalars_are_strings(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));

        Assert.Equal(ScalarKind.String, YamlScalar.Resolve((YamlScalarNode)stream.Documents[0].RootNode).Kind);
    }

    [Fact]
    public void Quoting_round_trips_any_text()
    {
        const string text = "He said \"hi\"\\\n\ttab: #not a comment\u0001";
        var stream = new YamlStream();
        stream.Load(new StringReader("value: " + YamlText.Quote(text)));

        var value = (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode)["value"];
        Assert.Equal(text, value.Value);
        Assert.Equal(ScalarStyle.DoubleQuoted, value.Style);
    }
}
