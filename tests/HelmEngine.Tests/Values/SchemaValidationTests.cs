using GitOpsHQ.Files;
using GitOpsHQ.HelmEngine.Tests.Rendering;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Values;

/// <summary>
/// Final values checked against values.schema.json, with Helm's error wording. The oracle does not validate
/// schemas, so these cases are written from Helm's documented behaviour (its validator's English texts and
/// "- field: message" lines under the chart's name) rather than compared with it.
/// </summary>
public class SchemaValidationTests
{
    private const string Heading = "values don't meet the specifications of the schema(s) in the following chart(s):\n";

    private const string ImageSchema = """
        {
          "$schema": "http://json-schema.org/draft-07/schema#",
          "type": "object",
          "required": ["image"],
          "properties": {
            "image": {
              "type": "object",
              "required": ["repository"],
              "properties": {
                "repository": { "type": "string", "pattern": "^[a-z0-9./-]+$" },
                "pullPolicy": { "type": "string", "enum": ["Always", "IfNotPresent"] },
                "tag": { "type": ["string", "null"] }
              },
              "additionalProperties": false
            },
            "replicas": { "type": "integer", "minimum": 1, "maximum": 10 },
            "ratio": { "type": "number", "exclusiveMinimum": 0 },
            "name": { "type": "string", "minLength": 2, "maxLength": 5 },
            "hosts": {
              "type": "array",
              "minItems": 1,
              "uniqueItems": true,
              "items": {
                "type": "object",
                "required": ["host"],
                "properties": { "host": { "type": "string" }, "port": { "type": "integer" } }
              }
            },
            "enabled": { "type": "boolean" }
          }
        }
        """;

    private static string Findings(string schema, string valuesYaml) =>
        SchemaValidation.ChartFindings("mychart", schema, GoValuesYaml.ReadMap(valuesYaml, "values"));

    [Fact]
    public void Values_that_meet_the_schema_have_no_findings() =>
        Assert.Equal("", Findings(ImageSchema, """
            image: { repository: nginx, pullPolicy: Always, tag: null }
            replicas: 3
            ratio: 0.5
            name: web
            hosts: [{ host: a, port: 80 }, { host: b }]
            enabled: true
            other: anything
            """));

    [Theory]
    [InlineData("replicas: 3", "- (root): image is required\n")]
    [InlineData("image: {}", "- image: repository is required\n")]
    [InlineData("image: { repository: nginx }\nhosts: [{ port: 1 }]", "- hosts.0: host is required\n")]
    public void Required_properties_are_reported_at_the_map_that_lacks_them(string values, string expected) =>
        Assert.Equal("mychart:\n" + expected, Findings(ImageSchema, values));

    [Theory]
    [InlineData("replicas: two", "- replicas: Invalid type. Expected: integer, given: string\n")]
    [InlineData("replicas: 1.5", "- replicas: Invalid type. Expected: integer, given: number\n")]
    [InlineData("enabled: \"true\"", "- enabled: Invalid type. Expected: boolean, given: string\n")]
    [InlineData("name: 12", "- name: Invalid type. Expected: string, given: integer\n")]
    [InlineData("hosts: { a: 1 }", "- hosts: Invalid type. Expected: array, given: object\n")]
    [InlineData("hosts: [{ host: a, port: x }]", "- hosts.0.port: Invalid type. Expected: integer, given: string\n")]
    public void Wrong_types_name_the_expected_and_given_types(string values, string expected) =>
        Assert.Equal("mychart:\n" + expected, Findings(ImageSchema, "image: { repository: nginx }\n" + values));

    [Fact]
    public void A_whole_float_from_a_values_file_counts_as_an_integer() =>
        Assert.Equal("", Findings(ImageSchema, "image: { repository: nginx }\nreplicas: 3.0\n"));

    [Theory]
    [InlineData("image: { repository: nginx, pullPolicy: Sometimes }",
        "- image.pullPolicy: image.pullPolicy must be one of the following: \"Always\", \"IfNotPresent\"\n")]
    [InlineData("image: { repository: nginx, tag: 1 }", "- image.tag: Invalid type. Expected: [string,null], given: integer\n")]
    [InlineData("image: { repository: Nginx }", "- image.repository: Does not match pattern '^[a-z0-9./-]+$'\n")]
    [InlineData("image: { repository: nginx }\nreplicas: 0", "- replicas: Must be greater than or equal to 1\n")]
    [InlineData("image: { repository: nginx }\nreplicas: 11", "- replicas: Must be less than or equal to 10\n")]
    [InlineData("image: { repository: nginx }\nratio: 0", "- ratio: Must be greater than 0\n")]
    [InlineData("image: { repository: nginx }\nname: a", "- name: String length must be greater than or equal to 2\n")]
    [InlineData("image: { repository: nginx }\nname: abcdef", "- name: String length must be less than or equal to 5\n")]
    [InlineData("image: { repository: nginx }\nhosts: []", "- hosts: Array must have at least 1 items\n")]
    [InlineData("image: { repository: nginx }\nhosts: [{ host: a }, { host: a }]", "- hosts: array items[0,1] must be unique\n")]
    public void Constraints_use_Helms_messages(string values, string expected) =>
        Assert.Equal("mychart:\n" + expected, Findings(ImageSchema, values));

    [Fact]
    public void Additional_properties_are_reported_at_their_map() =>
        Assert.Equal("mychart:\n- image: Additional property tagg is not allowed\n",
            Findings(ImageSchema, "image: { repository: nginx, tagg: v1 }"));

    [Fact]
    public void Additional_properties_at_the_top_are_reported_at_the_root() =>
        Assert.Equal("mychart:\n- (root): Additional property wrongFieldName is not allowed\n",
            Findings("""{ "type": "object", "properties": { "a": {} }, "additionalProperties": false }""", "a: 1\nwrongFieldName: true"));

    [Fact]
    public void Every_violation_is_listed_depth_first_with_a_maps_own_rules_before_its_entries() =>
        Assert.Equal(
            "mychart:\n"
            + "- image: repository is required\n"
            + "- image.pullPolicy: image.pullPolicy must be one of the following: \"Always\", \"IfNotPresent\"\n"
            + "- name: String length must be greater than or equal to 2\n"
            + "- replicas: Invalid type. Expected: integer, given: string\n",
            Findings(ImageSchema, "replicas: zero\nname: x\nimage: { pullPolicy: Never }"));

    [Theory]
    [InlineData("""{ "anyOf": [{ "required": ["a"] }, { "required": ["b"] }] }""", "- (root): Must validate at least one schema (anyOf)\n- (root): a is required\n")]
    [InlineData("""{ "oneOf": [{ "type": "object" }, { "required": [] }] }""", "- (root): Must validate one and only one schema (oneOf)\n")]
    [InlineData("""{ "not": { "required": ["c"] } }""", "- (root): Must not validate the schema (not)\n")]
    [InlineData("""{ "properties": { "c": { "multipleOf": 2 } } }""", "- c: Must be a multiple of 2\n")]
    [InlineData("""{ "minProperties": 2 }""", "- (root): Must have at least 2 properties\n")]
    [InlineData("""{ "properties": { "c": { "$ref": "#/definitions/even" } }, "definitions": { "even": { "type": "string" } } }""",
        "- c: Invalid type. Expected: string, given: integer\n")]
    public void Combinators_formats_and_references_are_checked(string schema, string expected) =>
        Assert.Equal("mychart:\n" + expected, Findings(schema, "c: 3"));

    [Fact]
    public void AllOf_lists_the_inner_violations_then_its_own_line() =>
        Assert.Equal("mychart:\n- c: Invalid type. Expected: string, given: integer\n- (root): Must validate all the schemas (allOf)\n",
            Findings("""{ "allOf": [{ "properties": { "c": { "type": "string" } } }, { "type": "object" }] }""", "c: 3"));

    [Fact]
    public void AnyOf_lists_its_line_then_the_violations_of_the_closest_alternative() =>
        Assert.Equal("mychart:\n- (root): Must validate at least one schema (anyOf)\n- c: Invalid type. Expected: string, given: integer\n",
            Findings("""{ "anyOf": [{ "properties": { "c": { "type": "string" } } }, { "required": ["a", "b"] }] }""", "c: 3"));

    [Fact]
    public void A_root_reference_is_followed_without_a_line_of_its_own() =>
        Assert.Equal("mychart:\n- (root): name is required\n- c: Invalid type. Expected: string, given: integer\n",
            Findings("""
                {
                  "$ref": "#/definitions/values",
                  "definitions": {
                    "values": { "type": "object", "required": ["name"], "properties": { "c": { "type": "string" } } }
                  }
                }
                """, "c: 3"));

    [Fact]
    public void Formats_are_checked() =>
        Assert.Equal("mychart:\n- when: Does not match format 'date-time'\n",
            Findings("""{ "properties": { "when": { "type": "string", "format": "date-time" } } }""", "when: yesterday"));

    [Theory]
    [InlineData("{ not json", "unable to compile schema: values.schema.json is not valid JSON")]
    [InlineData("""{ "type": "strin" }""", "unable to compile schema: values.schema.json is not a valid JSON Schema at #/type")]
    [InlineData("""{ "properties": { "a": { "$ref": "https://example.com/x.json" } } }""", "unable to compile schema: values.schema.json is not a valid JSON Schema at #/properties/a/$ref")]
    public void A_schema_that_cannot_be_used_is_reported(string schema, string expectedStart)
    {
        var findings = Findings(schema, "a: 1");

        // As in Helm, the reason follows the chart's name on its own, without a leading "- " or a final line break.
        Assert.StartsWith("mychart:\n" + expectedStart, findings);
        Assert.DoesNotContain("\n", findings["mychart:\n".Length..]);
    }

    [Fact]
    public void Findings_of_several_charts_make_one_error()
    {
        var parent = SchemaValidation.ChartFindings("parent", """{ "required": ["a"] }""", new Dictionary<string, object?>());
        var valid = SchemaValidation.ChartFindings("fine", """{ "type": "object" }""", new Dictionary<string, object?>());
        var child = SchemaValidation.ChartFindings("child", """{ "properties": { "b": { "type": "string" } } }""",
            new Dictionary<string, object?> { ["b"] = true });

        var error = Assert.Throws<RenderException>(() => SchemaValidation.ThrowIfAny([parent, valid, child]));

        Assert.Equal(Heading + "parent:\n- (root): a is required\nchild:\n- b: Invalid type. Expected: string, given: boolean\n", error.Message);
        SchemaValidation.ThrowIfAny([valid, ""]);
    }

    [Fact]
    public void Rendering_checks_the_final_values_against_the_charts_schema()
    {
        var chart = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\n"),
            ChartFiles.Text("values.yaml", "replicas: 1\n"),
            ChartFiles.Text("values.schema.json", """{ "properties": { "replicas": { "type": "integer" }, "mode": { "enum": ["a", "b"] } } }"""),
            ChartFiles.Text("templates/cm.yaml", "replicas: {{ .Values.replicas }}\n"),
        };

        Assert.Equal("---\n# Source: mychart/templates/cm.yaml\nreplicas: 3\n",
            ChartRenderer.Render(FileSet.From(chart), new RenderOptions { Overrides = [new(ValueOverrideKind.Set, "replicas=3")] }));
        var error = Assert.Throws<RenderException>(() => ChartRenderer.Render(FileSet.From(chart), new RenderOptions
        {
            ValuesFiles = ["mode: c\n"],
            Overrides = [new(ValueOverrideKind.SetString, "replicas=3")],
        }));
        Assert.Equal(Heading + "mychart:\n- mode: mode must be one of the following: \"a\", \"b\"\n- replicas: Invalid type. Expected: integer, given: string\n",
            error.Message);
    }

    [Fact]
    public void A_schema_left_out_by_helmignore_is_not_used()
    {
        var chart = new[]
        {
            ChartFiles.Text("Chart.yaml", "apiVersion: v2\nname: mychart\nversion: 1.0.0\n"),
            ChartFiles.Text(".helmignore", "values.schema.json\n"),
            ChartFiles.Text("values.schema.json", """{ "required": ["missing"] }"""),
            ChartFiles.Text("templates/cm.yaml", "a: 1\n"),
        };

        Assert.Equal("---\n# Source: mychart/templates/cm.yaml\na: 1\n", ChartRenderer.Render(FileSet.From(chart), RenderOptions.Default));
    }
}
