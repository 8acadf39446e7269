using System.Text.RegularExpressions;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// <c>.Capabilities</c> as <c>helm template</c> offers it without a cluster: Kubernetes v1.36.0 (or the
/// <c>--kube-version</c> given), the API versions client-go knows plus any <c>--api-versions</c>, and Helm's own
/// version.
/// </summary>
internal static partial class CapabilitiesObject
{
    public const string KubeVersion = "v1.36.0";

    public static GoStruct Create(RenderOptions options)
    {
        var (version, major, minor) = options.KubeVersion is { } given ? ParseKubeVersion(given) : (KubeVersion, "1", "36");
        var kube = new GoStruct("chartutil.KubeVersion")
            .Field("Version", version)
            .Field("Major", major)
            .Field("Minor", minor)
            .PointerMethod(GoFunction.Create("String", GoType.String, () => version))
            .PointerMethod(GoFunction.Create("GitVersion", GoType.String, () => version));

        // A []string in Helm's order, the --api-versions appended as given: a list to Sprig, range, index and len.
        List<string> all = [.. DefaultApiVersions, .. options.ApiVersions];
        var known = new HashSet<string>(all, StringComparer.Ordinal);
        var apiVersions = new GoNamedSlice("chartutil.VersionSet", all)
            .Method(GoFunction.Create<string, bool>("Has", GoType.String, GoType.Bool, known.Contains));
        var helm = new GoStruct("version.BuildInfo")
            .Field("Version", "v3.21.4", json: "version,omitempty")
            .Field("GitCommit", "", json: "git_commit,omitempty")
            .Field("GitTreeState", "", json: "git_tree_state,omitempty")
            .Field("GoVersion", "go1.19", json: "go_version,omitempty");
        return new GoStruct("chart.Capabilities")
            .Field("KubeVersion", kube)
            .Field("APIVersions", apiVersions)
            .Field("HelmVersion", helm);
    }

    /// <summary>The Kubernetes version of <c>--kube-version</c> read as Kubernetes does: "1.30", "v1.30.2", "v1.28+".</summary>
    public static string Version(RenderOptions options) =>
        options.KubeVersion is { } given ? ParseKubeVersion(given).Version : KubeVersion;

    private static (string Version, string Major, string Minor) ParseKubeVersion(string text)
    {
        var match = KubeVersionText().Match(text);
        if (!match.Success)
        {
            throw new RenderException($"invalid kube version '{text}': could not parse {GoQuote.Quote(text)} as version");
        }
        var parts = match.Groups[1].Value.Split('.');
        if (parts.Length < 2)
        {
            throw new RenderException($"invalid kube version '{text}': illegal version string {GoQuote.Quote(text)}");
        }
        parts = parts.Select(p => p.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0").ToArray();
        return ("v" + string.Join('.', parts), parts[0], parts[1]);
    }

    [GeneratedRegex(@"^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)$", RegexOptions.CultureInvariant)]
    private static partial Regex KubeVersionText();

    /// <summary>Every group/version of client-go's Kubernetes scheme plus apiextensions, as Helm reports them.</summary>
    private static readonly string[] DefaultApiVersions =
    [
        "v1",
        "admissionregistration.k8s.io/v1", "admissionregistration.k8s.io/v1alpha1", "admissionregistration.k8s.io/v1beta1",
        "internal.apiserver.k8s.io/v1alpha1",
        "apps/v1", "apps/v1beta1", "apps/v1beta2",
        "authentication.k8s.io/v1", "authentication.k8s.io/v1alpha1", "authentication.k8s.io/v1beta1",
        "authorization.k8s.io/v1", "authorization.k8s.io/v1beta1",
        "autoscaling/v1", "autoscaling/v2",
        "batch/v1", "batch/v1beta1",
        "certificates.k8s.io/v1", "certificates.k8s.io/v1alpha1", "certificates.k8s.io/v1beta1",
        "coordination.k8s.io/v1", "coordination.k8s.io/v1alpha2", "coordination.k8s.io/v1beta1",
        "discovery.k8s.io/v1", "discovery.k8s.io/v1beta1",
        "events.k8s.io/v1", "events.k8s.io/v1beta1",
        "extensions/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1beta1",
        "flowcontrol.apiserver.k8s.io/v1beta2", "flowcontrol.apiserver.k8s.io/v1beta3",
        "networking.k8s.io/v1", "networking.k8s.io/v1beta1",
        "node.k8s.io/v1", "node.k8s.io/v1alpha1", "node.k8s.io/v1beta1",
        "policy/v1", "policy/v1beta1",
        "rbac.authorization.k8s.io/v1", "rbac.authorization.k8s.io/v1alpha1", "rbac.authorization.k8s.io/v1beta1",
        "resource.k8s.io/v1", "resource.k8s.io/v1alpha3", "resource.k8s.io/v1beta1", "resource.k8s.io/v1beta2",
        "scheduling.k8s.io/v1", "scheduling.k8s.io/v1alpha2", "scheduling.k8s.io/v1beta1",
        "storage.k8s.io/v1", "storage.k8s.io/v1alpha1", "storage.k8s.io/v1beta1",
        "storagemigration.k8s.io/v1beta1",
        "apiextensions.k8s.io/v1", "apiextensions.k8s.io/v1beta1",
    ];
}
