using GitOpsHQ.Plugins.Helm;

namespace GitOpsHQ.Plugins.Tests.Helm;

/// <summary>
/// values.yaml against the draft-07 keywords Helm's validator checks beyond the schema library's: const, dependencies,
/// propertyNames and if/then/else, reported at the value in Helm's words.
/// </summary>
public class SchemaKeywordValidationTests
{
    private const string Schema = """
        {
          "type": "object",
          "properties": {
            "mode": { "const": "fast" },
            "db": { "type": "object", "dependencies": { "user": ["password"] } },
            "labels": { "type": "object", "propertyNames": { "maxLength": 3 } },
            "port": { "type": "object", "if": { "required": ["tls"] }, "then": { "required": ["cert"] } }
          }
        }
        """;

    private static async Task<List<string>> Errors(string values)
    {
        var files = Artifact.With(Artifact.With(ChartFiles.Minimal(), "values.yaml", values), "values.schema.json", Schema);
        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());
        return response.Diagnostics.Where(d => d.File == "values.yaml").Select(d => $"{d.Line}: {d.Message}").ToList();
    }

    [Fact]
    public async Task Values_that_meet_the_keywords_are_clean() =>
        Assert.Empty(await Errors("mode: fast\ndb: { user: a, password: b }\nlabels: { app: x }\nport: { tls: true, cert: c }\n"));

    [Fact]
    public async Task Each_keyword_is_checked_at_its_value()
    {
        var errors = await Errors("mode: slow\ndb: { user: a }\nlabels: { component: x }\nport: { tls: true }\n");

        Assert.Equal(
            [
                "1: values.yaml: mode: mode does not match: \"fast\"",
                "2: values.yaml: db: Has a dependency on password",
                "3: values.yaml: labels: Property name of \"component\" does not match",
                "3: values.yaml: labels: String length must be less than or equal to 3",
                "4: values.yaml: port: Must validate \"then\" as \"if\" was valid",
                "4: values.yaml: port: cert is required",
            ],
            errors);
    }

    // A branch told apart by a constant, and conditions inside allOf: the schema library alone would count every
    // such branch valid.
    private const string BranchSchema = """
        {
          "type": "object",
          "dependencies": {
            "deployAgent": {
              "oneOf": [
                { "properties": { "deployAgent": { "const": false } } },
                { "properties": { "deployAgent": { "const": true } }, "required": ["agent"] }
              ]
            }
          },
          "properties": {
            "db": { "type": "object", "allOf": [{ "if": { "properties": { "kind": { "const": "postgres" } } }, "then": { "required": ["port"] } }] }
          }
        }
        """;

    private static async Task<List<string>> BranchErrors(string values)
    {
        var files = Artifact.With(Artifact.With(ChartFiles.Minimal(), "values.yaml", values), "values.schema.json", BranchSchema);
        var response = await new HelmChartHandler().Validate(Artifact.ValidateRequest(ChartFiles.Name, files), Artifact.Call());
        return response.Diagnostics.Where(d => d.File == "values.yaml").Select(d => $"{d.Line}: {d.Message}").ToList();
    }

    [Fact]
    public async Task Keywords_inside_combinations_decide_their_branches()
    {
        Assert.Empty(await BranchErrors("deployAgent: false\nagent: {}\ndb: { kind: postgres, port: 5432 }\n"));
        Assert.Empty(await BranchErrors("deployAgent: true\nagent: {}\ndb: { kind: mysql }\n"));

        Assert.Equal(
            [
                "1: values.yaml: (top level): Must validate one and only one schema (oneOf)",
                "1: values.yaml: deployAgent: deployAgent does not match: false",
                "2: values.yaml: db: Must validate \"then\" as \"if\" was valid",
                "2: values.yaml: db: port is required",
                "2: values.yaml: db: Must validate all the schemas (allOf)",
            ],
            await BranchErrors("deployAgent: true\ndb: { kind: postgres }\n"));
    }
}
