using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Chart;
using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;
using GitOpsHQ.Files;

namespace GitOpsHQ.Plugins.Helm.Template;

/// <summary>
/// <c>helm template</c>'s arguments as a render request carries them: values files in <c>values</c>, flags as
/// options named like the flags without dashes (<c>release-name</c>, <c>namespace</c>, <c>kube-version</c>,
/// <c>api-versions</c>, <c>set</c>, <c>set-string</c>, <c>set-json</c>, <c>set-literal</c> — one flag value per
/// line —, and the switches <c>include-crds</c>, <c>no-hooks</c>, <c>skip-tests</c>, <c>is-upgrade</c>,
/// <c>deterministic</c>).
/// </summary>
public static class TemplateArguments
{
    private static readonly (string Name, ValueOverrideKind Kind)[] ValueFlags =
    [
        ("set", ValueOverrideKind.Set), ("set-string", ValueOverrideKind.SetString),
        ("set-json", ValueOverrideKind.SetJson), ("set-literal", ValueOverrideKind.SetLiteral),
    ];

    private static readonly string[] Switches = ["include-crds", "no-hooks", "skip-tests", "is-upgrade", "deterministic"];

    private static readonly string[] Known =
        ["release-name", "namespace", "kube-version", "api-versions", .. ValueFlags.Select(f => f.Name), .. Switches];

    /// <summary>The render options a request asks for; throws <see cref="ArgumentException"/> naming a bad option.</summary>
    public static RenderOptions From(RenderRequest request)
    {
        foreach (var key in request.Options.Keys)
        {
            if (!Known.Contains(key))
            {
                throw new ArgumentException($"unknown render option '{key}'; Helm charts take {string.Join(", ", Known)}");
            }
        }

        var options = request.Options;
        return new RenderOptions
        {
            ReleaseName = options.TryGetValue("release-name", out var name) && name.Length > 0 ? name : "release-name",
            Namespace = options.TryGetValue("namespace", out var ns) && ns.Length > 0 ? ns : "default",
            ValuesFiles = [.. request.Values],
            Overrides = [.. ValueFlags.SelectMany(flag => Lines(options, flag.Name).Select(text => new ValueOverride(flag.Kind, text)))],
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
