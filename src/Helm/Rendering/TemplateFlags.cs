namespace GitOpsHQ.Helm.Rendering;

/// <summary>How a <c>helm template</c> flag takes its value.</summary>
public enum TemplateFlagShape
{
    /// <summary>One value (<c>--namespace prod</c>); an empty value keeps the default.</summary>
    Value,

    /// <summary>Repeatable, each value applied in turn (<c>--set a=1 --set b=2</c>).</summary>
    Values,

    /// <summary>A switch: present (or <c>true</c>) turns it on.</summary>
    Switch,
}

/// <summary>
/// One <c>helm template</c> flag: its name (<c>--</c> plus <see cref="Name"/> on a command line, <see cref="Name"/>
/// itself as a render option), short aliases, and what one value of it does to <see cref="RenderOptions"/>.
/// </summary>
public sealed record TemplateFlag(
    string Name,
    TemplateFlagShape Shape,
    string Description,
    Func<RenderOptions, string, RenderOptions> Apply,
    params string[] Aliases)
{
    /// <summary>The flag as a command line writes it: <c>--name</c>.</summary>
    public string LongName => "--" + Name;
}

/// <summary>
/// The <c>helm template</c> flags the engine understands, declared once: the command-line tool, the render
/// option names of the Helm plugin and the tests all read them from here.
/// </summary>
public static class TemplateFlags
{
    public static IReadOnlyList<TemplateFlag> All { get; } =
    [
        new("release-name", TemplateFlagShape.Value, "Release name (default release-name)",
            (o, v) => v.Length > 0 ? o with { ReleaseName = v } : o),
        new("namespace", TemplateFlagShape.Value, "Release namespace (default default)",
            (o, v) => v.Length > 0 ? o with { Namespace = v } : o, "-n"),
        new("kube-version", TemplateFlagShape.Value, "Kubernetes version for Capabilities.KubeVersion",
            (o, v) => v.Length > 0 ? o with { KubeVersion = v } : o),
        new("api-versions", TemplateFlagShape.Values, "Extra Capabilities.APIVersions (repeatable)",
            (o, v) => o with { ApiVersions = [.. o.ApiVersions, .. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)] },
            "-a"),
        Override("set", ValueOverrideKind.Set, "Set values: a.b=c,d[0]=e (repeatable)"),
        Override("set-string", ValueOverrideKind.SetString, "Set STRING values (repeatable)"),
        Override("set-json", ValueOverrideKind.SetJson, "Set JSON values: a.b={\"c\":1} (repeatable)"),
        Override("set-literal", ValueOverrideKind.SetLiteral, "Set a literal STRING value: a.b=the rest, as is (repeatable)"),
        Switch("include-crds", "Print the charts' crds/ too", (o, on) => o with { IncludeCrds = on }),
        Switch("no-hooks", "Leave hooks out", (o, on) => o with { NoHooks = on }),
        Switch("skip-tests", "Leave test hooks out", (o, on) => o with { SkipTests = on }),
        Switch("is-upgrade", "Render as an upgrade (.Release.IsUpgrade)", (o, on) => o with { IsUpgrade = on }),
        new("show-only", TemplateFlagShape.Values, "Only print manifests rendered from the given templates (repeatable; globs as filepath.Match reads them)",
            (o, v) => o with { ShowOnly = [.. o.ShowOnly, v] }, "-s"),
        Switch("deterministic", "Fixed stand-ins for random, clock and key functions", (o, on) => o with { Deterministic = on }),
    ];

    /// <summary>The flag named <paramref name="name"/> (as an option name, <c>--name</c> or an alias), or null.</summary>
    public static TemplateFlag? Find(string name) =>
        All.FirstOrDefault(f => f.Name == name || f.LongName == name || f.Aliases.Contains(name));

    /// <summary>
    /// <paramref name="options"/> with the given flags applied in the order of <see cref="All"/> (so value
    /// overrides apply as <c>--set</c>, <c>--set-string</c>, <c>--set-json</c>, <c>--set-literal</c>), each flag's
    /// values in their own order. A switch's value is <c>true</c> or <c>false</c>.
    /// </summary>
    public static RenderOptions Apply(RenderOptions options, IReadOnlyDictionary<string, IReadOnlyList<string>> values)
    {
        foreach (var flag in All)
        {
            if (values.TryGetValue(flag.Name, out var given))
            {
                options = given.Aggregate(options, flag.Apply);
            }
        }
        return options;
    }

    private static TemplateFlag Override(string name, ValueOverrideKind kind, string description) =>
        new(name, TemplateFlagShape.Values, description, (o, v) => o with { Overrides = [.. o.Overrides, new ValueOverride(kind, v)] });

    private static TemplateFlag Switch(string name, string description, Func<RenderOptions, bool, RenderOptions> set) =>
        new(name, TemplateFlagShape.Switch, description, (o, v) => set(o, bool.Parse(v)));
}
