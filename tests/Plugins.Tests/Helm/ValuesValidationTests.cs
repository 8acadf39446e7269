using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

public class ValuesValidationTests
{
    private const string Schema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["replicaCount"],
          "properties": {
            "replicaCount": { "type": "integer", "minimum": 1 },
            "enabled": { "type": "boolean" },
            "image": {
              "type": "object",
              "required": ["repository"],
              "additionalProperties": false,
              "properties": {
                "repository": { "type": "string" },
                "tag": { "type": "string" },
                "pullPolicy": { "enum": ["Always", "IfNotPresent"] }
              }
            },
            "ports": { "type": "array", "items": { "type": "integer" } },
            "ratio": { "type": "number" },
            "nothing": { "type": "null" },
            "owner": { "$ref": "#/definitions/name" }
          },
          "definitions": { "name": { "type": "string", "pattern": "^[a-z]+$" } }
        }
        """;

    private static Task<ValidateResponse> Validate(string? values, string? schema = Schema)
    {
        var files = Artifact.Files(("Chart.yaml", ChartFiles.ChartYaml));
        if (values is not null)
        {
            files.Add(Artifact.File("values.yaml", values));
        }

        if (schema is not null)
        {
            files.Add(Artifact.File("values.schema.json", schema));
        }

        return new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());
    }

    public static TheoryData<string, string, int> ValuesBreakingTheSchema => new()
    {
        { "replicaCount: two\n", "values.yaml: replicaCount: expected integer", 1 },
        { "replicaCount: \"2\"\n", "values.yaml: replicaCount: expected integer", 1 },
        { "replicaCount: 0\n", "values.yaml: replicaCount: is below the minimum 1", 1 },
        { "replicaCount: 1\nenabled: sure\n", "values.yaml: enabled: expected boolean", 2 },
        { "replicaCount: 1\nimage:\n  repository: nginx\n  tag: 1.25\n", "values.yaml: image.tag: expected string", 4 },
        { "replicaCount: 1\nimage:\n  tag: \"1\"\n", "values.yaml: image.repository: required but missing", 3 },
        { "replicaCount: 1\nimage:\n  repository: nginx\n  extra: 1\n", "values.yaml: image.extra: not allowed here", 4 },
        { "replicaCount: 1\nimage:\n  repository: nginx\n  pullPolicy: Sometimes\n", "values.yaml: image.pullPolicy: must be one of: Always, IfNotPresent", 4 },
        { "replicaCount: 1\nports:\n  - 80\n  - http\n", "values.yaml: ports[1]: expected integer", 4 },
        { "replicaCount: 1\nratio: high\n", "values.yaml: ratio: expected number", 2 },
        { "replicaCount: 1\nnothing: 0\n", "values.yaml: nothing: expected null", 2 },
        { "replicaCount: 1\nowner: Bob\n", "values.yaml: owner: does not match the pattern ^[a-z]+$", 2 },
        { "enabled: true\n", "values.yaml: replicaCount: required but missing", 1 },
    };

    [Theory]
    [MemberData(nameof(ValuesBreakingTheSchema))]
    public async Task Values_that_break_the_schema_are_reported_at_their_line(string values, string message, int line)
    {
        var response = await Validate(values);

        var error = Expect.Error(response, "values.yaml", message, line);
        Assert.StartsWith("values.yaml: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replicaCount: 3\nenabled: yes\nratio: 0.5\nnothing: ~\nports: [80, 0x1BB]\nimage:\n  repository: nginx\n  tag: \"1.25\"\n")]
    [InlineData("replicaCount: 1\nratio: 2\nowner: bob\n")]
    [InlineData("base: &base\n  repository: nginx\nreplicaCount: 1\nimage:\n  <<: *base\n  tag: stable\n")]
    public async Task Values_that_satisfy_the_schema_are_clean(string values)
    {
        Expect.Clean(await Validate(values));
    }

    [Fact]
    public async Task Without_values_yaml_the_empty_values_are_checked()
    {
        var response = await Validate(values: null);

        Expect.Error(response, "values.yaml", "values.yaml: replicaCount: required but missing", line: 0);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# all values are optional\n")]
    public async Task An_empty_values_file_is_fine(string values)
    {
        Expect.Clean(await Validate(values, schema: null));
    }

    [Theory]
    [InlineData("- a\n- b\n", "values.yaml must be a map of values (key: value), not a list", 1)]
    [InlineData("just text\n", "values.yaml must be a map of values (key: value), not a string", 1)]
    [InlineData("a: 1\n---\nb: 2\n", "values.yaml must hold a single YAML document", 3)]
    [InlineData("a: 1\nb: [\n", "Invalid YAML", 3)]
    [InlineData("? [a, b]\n: 1\n", "map keys must be plain values", 1)]
    public async Task Values_that_are_not_a_map_are_errors(string values, string message, int line)
    {
        Expect.Error(await Validate(values, schema: null), "values.yaml", message, line);
    }

    [Fact]
    public async Task A_repeated_key_is_read_as_helm_reads_it_not_refused()
    {
        var response = await Validate("replicaCount: 1\nimage: a\nreplicaCount: 2\n", schema: null);

        Assert.DoesNotContain(response.Diagnostics, d => d.Severity == GitOpsHQ.Contracts.Plugins.V1.Severity.Error);
    }

    [Fact]
    public async Task Alias_expansion_is_bounded()
    {
        var bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            bomb += $"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n";
        }

        var response = await Validate("replicaCount: 1\n" + bomb);

        Expect.Error(response, "values.yaml", "to more than");
    }

    public static TheoryData<string, string, int, int> BrokenSchemas => new()
    {
        { "{\"type\": \"object\",\n \"properties\": {\n", "values.schema.json is not valid JSON", 3, 0 },
        { "{\"type\": \"object\", \"type\": \"array\"}", "values.schema.json is not valid JSON", 1, 0 },
        { "[1, 2]", "a schema must be an object", 1, 1 },
        { "{\n  \"properties\": {\n    \"replicaCount\": { \"type\": \"int\" }\n  }\n}", "at #/properties/replicaCount/type: type must be one of", 3, 0 },
        { "{\"required\": \"replicaCount\"}", "required must be a list of property names", 1, 0 },
        { "{\"properties\": []}", "properties must be an object", 1, 0 },
        { "{\"properties\": {\"a\": {\"pattern\": \"([a-z\"}}}", "is not a regular expression", 1, 0 },
        { "{\"properties\": {\"a\": {\"$ref\": \"https://example.com/schema.json\"}}}", "other files and URLs are not fetched", 1, 0 },
        { "{\"properties\": {\"a\": {\"$ref\": \"other.json#/x\"}}}", "other files and URLs are not fetched", 1, 0 },
        { "{\"anyOf\": []}", "anyOf must be a non-empty list of schemas", 1, 0 },
        { "{\"minLength\": -1}", "minLength must be a non-negative integer", 1, 0 },
        { "{\"properties\": {\"a\": {\"$ref\": \"#/definitions/missing\"}}}", "values.schema.json is not a usable JSON Schema", 0, 0 },
    };

    [Theory]
    [MemberData(nameof(BrokenSchemas))]
    public async Task Schemas_that_are_not_json_schema_are_errors(string schema, string message, int line, int column)
    {
        var error = Expect.Error(await Validate("replicaCount: 1\n", schema), "values.schema.json", message, line);
        if (column > 0)
        {
            Assert.Equal(column, error.Column);
        }
    }

    [Fact]
    public async Task Deeply_nested_schemas_are_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("{\"items\":", 5000)) + "{}" + new string('}', 5000);

        Expect.Error(await Validate("replicaCount: 1\n", deep), "values.schema.json", "is not valid JSON");
    }
}
