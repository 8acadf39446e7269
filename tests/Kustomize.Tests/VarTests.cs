
namespace GitOpsHQ.Kustomize.Tests;

/// <summary>$(VAR) expansion and the vars field on small builds.</summary>
public sealed class VarTests
{
    private static readonly Dictionary<string, object> Values = new(StringComparer.Ordinal)
    {
        ["SVC"] = "web",
        ["PORT"] = 8080L,
    };

    private static object Expand(string text) => VarExpansion.Expand(text, name => Values.GetValueOrDefault(name));

    [Theory]
    [InlineData("$(SVC)", "web")]
    [InlineData("http://$(SVC):$(PORT)/", "http://web:8080/")]
    [InlineData("$$(SVC)", "$(SVC)")]
    [InlineData("$$$(SVC)", "$web")]
    [InlineData("$(NOPE)-$(SVC)", "$(NOPE)-web")]
    [InlineData("a$(SVC", "a$(SVC")]
    [InlineData("$", "$")]
    [InlineData("$x$(SVC)", "$xweb")]
    [InlineData("$()", "$()")]
    public void References_expand_like_kubernetes_container_variables(string input, string expected) =>
        Assert.Equal(expected, Expand(input));

    [Fact]
    public void A_lone_reference_keeps_the_value_type() =>
        Assert.Equal(8080L, Expand("$(PORT)"));

    private const string Resources = """
        apiVersion: v1
        kind: Service
        metadata:
          name: svc
        spec:
          ports:
          - port: 80
        ---
        apiVersion: v1
        kind: Pod
        metadata:
          name: p
        spec:
          containers:
          - name: c
            image: i
            command: [run, $(PORT), "$(SVC):$(PORT)"]
            env:
            - name: X
              value: $(SVC)
          hostname: $(SVC)

        """;

    [Fact]
    public void Vars_substitute_only_in_var_reference_fields()
    {
        var output = Build.One(Resources, "namePrefix: a-\nvars:\n- name: SVC\n  objref: {apiVersion: v1, kind: Service, name: svc}\n"
            + "- name: PORT\n  objref: {apiVersion: v1, kind: Service, name: svc}\n  fieldref: {fieldpath: \"spec.ports[0].port\"}\n");
        Assert.Contains("    - run\n    - 80\n    - a-svc:80\n", output);
        Assert.Contains("      value: a-svc\n", output);
        Assert.Contains("  hostname: $(SVC)\n", output);
    }

    [Fact]
    public void A_list_item_that_is_not_a_string_fails() =>
        Assert.Equal("invalid value type expect a string", Build.Fails(
            ("kustomization.yaml", "resources: [r.yaml]\nvars:\n- name: SVC\n  objref: {apiVersion: v1, kind: Service, name: svc}\n"),
            ("r.yaml", Resources.Replace("[run, $(PORT),", "[run, 1,", StringComparison.Ordinal))).Message);
}
