using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Helm.Template;

/// <summary>
/// What <c>helm template</c> takes besides the chart, as the CLI's flags and as a render request's options
/// (the flag names without dashes: <c>release-name</c>, <c>namespace</c>, <c>kube-version</c>,
/// <c>api-versions</c>, <c>set</c>, <c>set-string</c>, <c>set-json</c>, <c>set-literal</c> — one flag value per line —, and the
/// switches <c>include-crds</c>, <c>no-hooks</c>, <c>skip-tests</c>, <c>is-upgrade</c>, <c>deterministic</c>).
/// </summary>
public sealed record TemplateArguments
{
    public string ReleaseName { get; init; } = "release-name";

    public string Namespace { get; init; } = "default";

    /// <summary>Texts of values files (<c>-f</c>), in order; later files win.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary>Each <c>--set</c>, <c>--set-string</c>, <c>--set-json</c> and <c>--set-literal</c> (flag name without dashes, value), in command-line order.</summary>
    public IReadOnlyList<(string Kind, string Text)> Overrides { get; init; } = [];

    /// <summary>Capabilities.KubeVersion; null for the default.</summary>
    public string? KubeVersion { get; init; }

    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    public bool IncludeCrds { get; init; }

    public bool NoHooks { get; init; }

    public bool SkipTests { get; init; }

    public bool IsUpgrade { get; init; }

    /// <summary>Random, clock and key functions give fixed stand-ins, so output can be compared byte for byte.</summary>
    public bool Deterministic { get; init; }

    public static readonly IReadOnlyList<string> SetKinds = ["set", "set-string", "set-json", "set-literal"];

    private static readonly string[] Switches = ["include-crds", "no-hooks", "skip-tests", "is-upgrade", "deterministic"];

    private static readonly string[] Known = ["release-name", "namespace", "kube-version", "api-versions", .. SetKinds, .. Switches];

    /// <summary>The arguments a render request carries; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public static TemplateArguments From(RenderRequest request)
    {
        foreach (var key in request.Options.Keys)
        {
            if (!Known.Contains(key))
            {
                throw new ArgumentException($"unknown render option '{key}'; Helm charts take {string.Join(", ", Known)}");
            }
        }

        var options = request.Options;
        return new TemplateArguments
        {
            ReleaseName = options.TryGetValue("release-name", out var name) && name.Length > 0 ? name : "release-name",
            Namespace = options.TryGetValue("namespace", out var ns) && ns.Length > 0 ? ns : "default",
            ValuesFiles = [.. request.Values],
            Overrides = [.. SetKinds.SelectMany(kind => Lines(options, kind).Select(text => (kind, text)))],
            KubeVersion = options.TryGetValue("kube-version", out var kube) && kube.Length > 0 ? kube : null,
            ApiVersions = [.. Lines(options, "api-versions").SelectMany(line => line.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            IncludeCrds = Switch(options, "include-crds"),
            NoHooks = Switch(options, "no-hooks"),
            SkipTests = Switch(options, "skip-tests"),
            IsUpgrade = Switch(options, "is-upgrade"),
            Deterministic = Switch(options, "deterministic"),
        };
    }

    private static IEnumerable<string> Lines(IDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var text)
            ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).Where(line => line.Length > 0)
            : [];

    private static bool Switch(IDictionary<string, string> options, string key) =>
        options.TryGetValue(key, out var text) && (text.Trim().ToLowerInvariant() switch
        {
            "" or "true" or "1" or "yes" => true,
            "false" or "0" or "no" => false,
            _ => throw new ArgumentException($"render option '{key}' must be true or false, not '{text}'"),
        });
}
