using System.Text.RegularExpressions;

namespace GitOpsHQ.HelmEngine.Tests.HelmReference;

/// <summary>
/// Where Helm 3.13 prints differently from the engine, which follows the oracle and the Helm release it models (v3.21).
/// Each entry names the case, what helm prints, what the engine prints instead and why. The comparison puts the
/// engine's text in place of helm's and then demands byte equality; an entry whose helm text is no longer in the
/// committed output fails the suite, so the list cannot go stale.
/// </summary>
internal static class KnownDifferences
{
    public sealed record Replacement(string Case, string Helm, string Engine, string Reason);

    public sealed record HelmFailure(string Case, string HelmError, string Reason);

    private const string HelmVersionReason =
        ".Capabilities.HelmVersion is the Helm release the engine models (v3.21.4, as the oracle), not the 3.13 client.";

    private const string DefaultApiVersionsReason =
        "Helm's default .Capabilities.APIVersions are the group/versions its client-go registers. Helm 3.13 (client-go 0.28) "
        + "still has autoscaling/v2beta2 and resource.k8s.io/v1alpha2; the Helm release the engine models (as the oracle) no longer does.";

    public static readonly Replacement[] Replacements =
    [
        new("HelmCharts/chart-objects", "  helm: v3.13.3\n", "  helm: v3.21.4\n", HelmVersionReason),
        new("HelmReferenceCharts/capabilities-helm-defaults", "  helm: v3.13.3\n", "  helm: v3.21.4\n", HelmVersionReason),
        new("HelmReferenceCharts/capabilities-helm-defaults", "\"autoscaling/v2beta2\": \"true\"", "\"autoscaling/v2beta2\": \"false\"", DefaultApiVersionsReason),
        new("HelmReferenceCharts/capabilities-helm-defaults", "\"resource.k8s.io/v1alpha2\": \"true\"", "\"resource.k8s.io/v1alpha2\": \"false\"", DefaultApiVersionsReason),
        new("HelmCharts/three-subcharts", "      requests:\n        cpu: 10m\n", "",
            "A user value of null under a subchart's key (api.resources.requests: null) removes the subchart's default in "
            + "current Helm (helm/helm#12879) and in the oracle; Helm 3.13 keeps the default (helm/helm#12637)."),
        new("HelmCharts/missing-dependency",
            "An error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ", "",
            "The helm command wraps the chart's dependency error in advice about its own subcommand; the engine reports the "
            + "error itself, as the oracle does."),
        new("HelmCharts/tgz-traversal", "error unpacking evil-1.0.0.tgz in parent: chart illegally references parent directory",
            "error unpacking subchart evil-1.0.0.tgz in parent: chart illegally contains content outside the base directory: \"evil/../../outside.yaml\"",
            "Both refuse the archive; the wording is that of the Helm release the engine models (as the oracle)."),
        new("HelmCharts/kube-version-invalid", "invalid kube version 'latest': Invalid Semantic Version",
            "invalid kube version 'latest': could not parse \"latest\" as version",
            "Both refuse the version; the wording is that of the Helm release the engine models (as the oracle)."),
        new("HelmReferenceCharts/schema-combinators", "- any: a is required\n- any: b is required\n", "- any: Invalid type. Expected: string, given: object\n",
            "When no anyOf alternative matches, Helm's validator lists the violations of the alternative with the best score (each "
            + "check passed counts, each violation costs two, a wrong type ends the alternative at once), so an object alternative "
            + "missing two properties beats a string alternative; the engine lists the alternative with the fewest violations."),
        .. CamelCase(
            ("HTTPServer", "Httpserver"), ("FooBarBaz", "FoobarBaz"), ("FooBar X1Y", "FooBar X1y"), ("_CamelCase", "_Camelcase"),
            ("NoHTTPS", "Nohttps"), ("WiThF", "WiThf"), ("ALL", "All"), ("HTTP2XX", "Http2xx"), ("HTTP20xOK", "Http20xok"),
            ("HTTP20xStatus", "Http20xstatus"), ("Bld4Floor3rd", "Bld4floor3rd"), ("A//B%%2c", "A//b%%2c"),
            ("FROMCamelCaseToSnake/kebabCase", "FromCamelcaseToSnake/kebabCase"), ("GOLANGISGREAT", "GolangIsGreat"),
            ("混合ABCWords与123数字456", "混合abcwords与123数字456")),
        new("HelmCharts/three-subcharts", "          requests:\n            cpu: 10m\n", "",
            "The same null override, in the parent's toYaml of the subchart's values."),
    ];

    /// <summary>Cases Helm 3.13 cannot render at all, because of a Helm bug fixed since; the engine renders them as the oracle.</summary>
    public static readonly HelmFailure[] HelmFailures =
    [
        new("HelmCharts/files-object",
            "error calling Lines: runtime error: index out of range [-1]",
            "Helm 3.13's .Files.Lines panics on an empty file (it indexes the last line of an empty list); later Helm "
            + "returns an empty list, as the oracle and the engine do."),
        new("Charts/sprig-hashes",
            "function \"sha512sum\" not defined",
            "sha512sum came with Sprig 3.3; Helm 3.13 has Sprig 3.2.3 without it. The oracle and the engine have it."),
    ];

    /// <summary>
    /// A refusal of Helm 3.13's, by a part of its error text, where the engine answers otherwise on purpose: it renders
    /// (<paramref name="EngineError"/> null) or refuses with an error containing <paramref name="EngineError"/>.
    /// </summary>
    public sealed record HelmRefusal(string HelmError, string? EngineError, string Reason);

    /// <summary>
    /// Refusals met on public charts (see <see cref="PublicChartCorpus"/>) that are not the engine's to copy: the
    /// comparison reports them as differences with this reason, and does not fail on them.
    /// </summary>
    public static readonly HelmRefusal[] PublicChartRefusals =
    [
        new("cannot retrieve Template.Basepath from values inside tpl function", null,
            "Helm 3.13's tpl needs .Template.BasePath in the object it is given (a dict of the chart's own making has none); "
            + "later Helm (3.14 on, the release the engine models, and the oracle) renders such a tpl under the name gotpl."),
        new("values don't meet the specifications of the schema(s)", "other files and URLs are not fetched",
            "A values.schema.json that refers to a schema by URL: Helm fetches it over the network (and fails without one); "
            + "the engine never fetches and refuses the $ref itself."),
    ];

    /// <summary>The reason for a Helm refusal listed in <see cref="PublicChartRefusals"/>; null when it is not listed.</summary>
    /// <param name="helmError">Helm's error.</param>
    /// <param name="engineError">The engine's error; null when the engine rendered.</param>
    public static string? PublicChartRefusal(string helmError, string? engineError) => PublicChartRefusals.FirstOrDefault(r =>
        helmError.Contains(r.HelmError, StringComparison.Ordinal)
        && (r.EngineError is null ? engineError is null : engineError?.Contains(r.EngineError, StringComparison.Ordinal) == true))?.Reason;

    private static readonly Regex YamlSyntaxError = new(@"^YAML parse error on \S+: error converting YAML to JSON: yaml: ");

    /// <summary>
    /// Both refuse the same template's output as YAML, whatever the words: the engine speaks Go's reader's words (see
    /// GoYamlErrorText) but, where a document has several faults, may meet another one first. Used for the public
    /// corpus and for the cases listed in <see cref="OtherYamlSyntaxErrorFirstCases"/>.
    /// </summary>
    public static bool SameYamlSyntaxError(string helmError, string engineError)
    {
        if (!YamlSyntaxError.IsMatch(helmError))
        {
            return false;
        }
        var file = helmError[..(helmError.IndexOf(": error converting", StringComparison.Ordinal) + 2)];
        return engineError.StartsWith(file, StringComparison.Ordinal);
    }

    /// <summary>
    /// Cases whose rendered output has more than one YAML syntax error, where Go's reader meets another one first than
    /// the engine's reader does: the same template is refused, for a problem on another line. Every other YAML syntax
    /// error must read word for word as Helm's.
    /// </summary>
    private static readonly string[] OtherYamlSyntaxErrorFirstCases = ["Charts/sprig-semver", "Charts/trimming"];

    public static bool OtherYamlSyntaxErrorFirst(string caseId, string helmError, string engineError) =>
        OtherYamlSyntaxErrorFirstCases.Contains(caseId) && SameYamlSyntaxError(helmError, engineError);

    // Sprig's camelcase is xstrings' ToCamelCase, which changed in xstrings 1.5: Helm 3.13 (xstrings 1.4) keeps the
    // letters after the first of each word as they are; the Helm release the engine models (as the oracle) lowers them.
    private static IEnumerable<Replacement> CamelCase(params (string Helm, string Engine)[] lines) => lines.Select(l => new Replacement(
        "Charts/sprig-cases", $"  camel: \"{l.Helm}\"\n", $"  camel: \"{l.Engine}\"\n",
        "camelcase follows xstrings 1.5 (Helm 3.15 and later, the oracle); Helm 3.13 has xstrings 1.4, which keeps inner capitals."));

    public static string ApplyTo(string caseId, string helmText) =>
        Replacements.Where(r => r.Case == caseId).Aggregate(helmText, (text, r) => text.Replace(r.Helm, r.Engine, StringComparison.Ordinal));
}
