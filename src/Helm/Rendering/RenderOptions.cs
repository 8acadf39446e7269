namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// What <c>helm template</c> takes besides the chart: release name, namespace, user values files, and the flags
/// that change what is rendered and printed.
/// </summary>
public sealed record RenderOptions
{
    public string ReleaseName { get; init; } = "release-name";

    public string Namespace { get; init; } = "default";

    /// <summary>Texts of values files (<c>-f</c>), in order; later files win.</summary>
    public IReadOnlyList<string> ValuesFiles { get; init; } = [];

    /// <summary><c>--kube-version</c>: the Kubernetes version templates see (and kubeVersion is checked against); null for v1.36.0.</summary>
    public string? KubeVersion { get; init; }

    /// <summary><c>--api-versions</c>: group/versions (or group/version/kind) added to <c>.Capabilities.APIVersions</c>.</summary>
    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    /// <summary><c>--include-crds</c>: print the crds/ files of the chart and its subcharts first.</summary>
    public bool IncludeCrds { get; init; }

    /// <summary><c>--no-hooks</c>: leave hook manifests out.</summary>
    public bool NoHooks { get; init; }

    /// <summary><c>--skip-tests</c>: leave test hooks out.</summary>
    public bool SkipTests { get; init; }

    /// <summary><c>--is-upgrade</c>: <c>.Release.IsUpgrade</c> is true and <c>.Release.IsInstall</c> false.</summary>
    public bool IsUpgrade { get; init; }

    /// <summary>--set, --set-string, --set-json and --set-literal flags in command-line order; applied after the values files.</summary>
    public IReadOnlyList<ValueOverride> Overrides { get; init; } = [];

    /// <summary><c>--deterministic</c>: random, clock and key functions give fixed stand-ins (the same output on every run).</summary>
    public bool Deterministic { get; init; }

    /// <summary>
    /// <c>--show-only</c>: print only the manifests of these templates (paths such as <c>templates/service.yaml</c>, or
    /// filepath.Match globs), pattern by pattern; empty prints everything.
    /// </summary>
    public IReadOnlyList<string> ShowOnly { get; init; } = [];

    /// <summary>Parsed templates shared with other renders of the same chart content; null to parse every time.</summary>
    public RenderCache? Cache { get; init; }

    /// <summary>The longest a render may take; a hostile chart is stopped with an error after it.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stops the render (its caller has gone).</summary>
    public CancellationToken CancellationToken { get; init; }

    public static RenderOptions Default { get; } = new();
}
