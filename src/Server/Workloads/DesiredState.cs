using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Plugins;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using YamlDotNet.RepresentationModel;

namespace GitOpsHQ.Server.Workloads;

public sealed record ValuesReport(bool Applicable, IReadOnlyList<string> Violations, IReadOnlyList<string> UnreadKeys)
{
    public bool Valid => Violations.Count == 0;
}

/// <summary>Renders of the same inputs within one operation (a bulk upgrade renders many workloads with the same values).</summary>
public sealed class RenderMemo
{
    internal ConcurrentDictionary<string, Task<string>> Renders { get; } = new(StringComparer.Ordinal);
    internal ConcurrentDictionary<string, Task<ValuesReport>> Checks { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A workload's desired state at a version: the artifact rendered with the workload's values (charts, as
/// <c>helm template --release-name R -n NS -f values.yaml</c>) or with its overlay on top of the base (bases: the
/// base's files at <c>base/</c>, the overlay files beside them), and the files written to the target for each format:
/// <list type="bullet">
/// <item><c>manifests</c>: the rendered stream as <c>PATH/manifests.yaml</c>, or one file per object (layout <c>files</c>);</item>
/// <item><c>flux</c>: an <c>OCIRepository</c> on this server's registry pinned to the version, and a <c>HelmRelease</c> with the
/// values (charts) or a Flux <c>Kustomization</c> (bases and bundles);</item>
/// <item><c>argocd</c>: an <c>Application</c> pinned to the version.</item>
/// </list>
/// </summary>
public sealed class DesiredState(ArtifactKinds kinds, ArtifactRepositories repositories, VersionCatalog versions, IOptions<CatalogOptions> catalog)
{
    public const string Manifests = "manifests";
    public const string Flux = "flux";
    public const string ArgoCd = "argocd";
    public const string Stream = "stream";
    public const string PerObject = "files";

    public static string RequireFormat(string? format) => (format ?? "").Trim().ToLowerInvariant() switch
    {
        "" or Manifests => Manifests,
        Flux => Flux,
        ArgoCd or "argo" or "argo-cd" => ArgoCd,
        _ => throw new ProductException(ErrorCode.RequestInvalid, $"format '{format}' is not known: use manifests, flux or argocd."),
    };

    public static string RequireLayout(string? layout) => (layout ?? "").Trim().ToLowerInvariant() switch
    {
        "" or Stream => Stream,
        PerObject or "per-object" => PerObject,
        _ => throw new ProductException(ErrorCode.RequestInvalid, $"layout '{layout}' is not known: use stream (one manifests.yaml) or files (one file per object)."),
    };

    public static bool IsChart(string kind) => kind == "charts";

    /// <summary>The rendered manifests; a version that does not render is refused with the engine's diagnostics.</summary>
    public Task<string> RenderAsync(WorkloadRecord w, string version, string? requestHost, RenderMemo? memo, CancellationToken ct)
    {
        if (memo is null) return RenderNowAsync(w, version, requestHost, ct);
        return memo.Renders.GetOrAdd(Key(w, version), _ => RenderNowAsync(w, version, requestHost, ct));
    }

    private async Task<string> RenderNowAsync(WorkloadRecord w, string version, string? requestHost, CancellationToken ct)
    {
        var kind = kinds.Get(w.Kind);
        var options = new Dictionary<string, string>();
        var values = new List<string>();
        var overlay = new List<ArtifactFile>();
        if (IsChart(kind.Kind))
        {
            if (w.ReleaseName.Length > 0) options["release-name"] = w.ReleaseName;
            if (w.Namespace.Length > 0) options["namespace"] = w.Namespace;
            if (w.Values.Trim().Length > 0) values.Add(w.Values);
        }
        else if (w.Overlay.Count > 0)
        {
            using (var repo = repositories.Open(kind, w.Artifact))
                overlay.AddRange(VersionCatalog.Snapshot(repo, repo.Resolve("version:" + version))
                    .Select(f => new ArtifactFile { Path = "base/" + f.Path, Content = f.Content }));
            overlay.AddRange(w.Overlay.Select(f => new ArtifactFile { Path = f.Path, Content = ByteString.CopyFromUtf8(f.Text) }));
        }
        var (result, _) = await versions.RenderAsync(kind, w.Artifact, "version:" + version, options, values, overlay, requestHost, ct);
        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.File.Length > 0 ? $"{d.File}: {d.Message}" : d.Message).ToList();
        if (errors.Count > 0)
            throw new ProductException(ErrorCode.ValidationFailed, $"{w.Kind}/{w.Artifact} {version} does not render with the workload's {(IsChart(w.Kind) ? "values" : "overlay")}.", errors);
        return result.Manifests;
    }

    /// <summary>The version's check of the workload's values (charts): schema violations and keys it does not read.</summary>
    public Task<ValuesReport> CheckValuesAsync(WorkloadRecord w, string version, RenderMemo? memo, CancellationToken ct)
    {
        if (!IsChart(w.Kind)) return Task.FromResult(new ValuesReport(false, [], []));
        if (memo is null) return CheckNowAsync(w, version, ct);
        return memo.Checks.GetOrAdd(Key(w, version), _ => CheckNowAsync(w, version, ct));
    }

    private async Task<ValuesReport> CheckNowAsync(WorkloadRecord w, string version, CancellationToken ct)
    {
        var kind = kinds.Get(w.Kind);
        List<ArtifactFile> files;
        using (var repo = repositories.Open(kind, w.Artifact))
            files = VersionCatalog.Snapshot(repo, repo.Resolve("version:" + version));
        try
        {
            var response = await kind.CheckValuesAsync(new CheckValuesRequest
            {
                Name = w.Artifact, Files = { files }, Values = { w.Values.Trim().Length > 0 ? [w.Values] : Array.Empty<string>() },
            }, ct);
            return new ValuesReport(true, response.Violations, response.UnreadKeys);
        }
        catch (ProductException e) when (e.Error == ErrorCode.NotImplemented)
        {
            return new ValuesReport(false, [], []);
        }
    }

    private static string Key(WorkloadRecord w, string version)
    {
        var text = JsonSerializer.Serialize(new object[] { w.Kind, w.Artifact, version, w.Values, w.ReleaseName, w.Namespace, w.Overlay });
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>The files written under the target path for the workload at <paramref name="version"/> (repository paths).</summary>
    public IReadOnlyDictionary<string, byte[]> Files(WorkloadRecord w, string version, string manifests, string? requestHost, string scheme)
    {
        var folder = w.Target.Path;
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        switch (w.Format)
        {
            case Manifests when w.Layout == PerObject:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var item in RenderedObjects.Split(manifests))
                {
                    var stem = FileStem(item);
                    var name = stem;
                    for (var n = 2; !names.Add(name); n++) name = $"{stem}-{n}";
                    files[$"{folder}/{name}.yaml"] = Encoding.UTF8.GetBytes("---\n" + item.Text);
                }
                break;
            case Manifests:
                if (manifests.Length > 0) files[$"{folder}/manifests.yaml"] = Encoding.UTF8.GetBytes(manifests);
                break;
            case Flux:
                files[$"{folder}/ocirepository.yaml"] = Encoding.UTF8.GetBytes(FluxSource(w, version, requestHost, scheme));
                if (IsChart(w.Kind)) files[$"{folder}/helmrelease.yaml"] = Encoding.UTF8.GetBytes(FluxHelmRelease(w));
                else files[$"{folder}/flux-kustomization.yaml"] = Encoding.UTF8.GetBytes(FluxKustomization(w));
                break;
            case ArgoCd:
                files[$"{folder}/application.yaml"] = Encoding.UTF8.GetBytes(ArgoApplication(w, version, requestHost, scheme));
                break;
        }
        return files;
    }

    /// <summary>Refuses combinations a format cannot express.</summary>
    public static void RequireExpressible(string kind, string format, IReadOnlyList<OverlayText> overlay)
    {
        if (format != Manifests && overlay.Count > 0)
            throw new ProductException(ErrorCode.RequestInvalid,
                $"Overlay files are written as rendered manifests only: use format manifests, or publish the overlay as a base of its own for {format}.");
    }

    private static string FileStem(RenderedObject item)
    {
        var parts = new[] { item.Kind, item.Namespace, item.Name }.Where(p => p.Length > 0).Select(p => p.ToLowerInvariant());
        var stem = string.Join('-', parts);
        stem = new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' ? c : '_').ToArray()).Trim('.');
        return stem.Length == 0 ? "object" : stem;
    }

    private string RegistryHost(string? requestHost) => catalog.Value.Hosts.FirstOrDefault() ?? requestHost ?? "localhost";

    private static string Q(string text) => JsonSerializer.Serialize(text);

    private string FluxSource(WorkloadRecord w, string version, string? requestHost, string scheme)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: source.toolkit.fluxcd.io/v1beta2\nkind: OCIRepository\nmetadata:\n");
        text.Append($"  name: {w.Name}\n  namespace: flux-system\n");
        text.Append($"  labels:\n    gitopshq.io/workload: {Q(w.Id)}\n");
        text.Append("spec:\n  interval: 10m\n");
        text.Append($"  url: {Q($"oci://{RegistryHost(requestHost)}/{w.Kind}/{w.Artifact}")}\n");
        text.Append($"  ref:\n    tag: {Q(VersionTag.ToOciTag(version))}\n");
        if (IsChart(w.Kind)) text.Append("  layerSelector:\n    mediaType: application/vnd.cncf.helm.chart.content.v1.tar+gzip\n    operation: copy\n");
        if (scheme == "http") text.Append("  insecure: true\n");
        return text.ToString();
    }

    private static string FluxHelmRelease(WorkloadRecord w)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n");
        text.Append($"  name: {w.Name}\n  namespace: flux-system\n");
        text.Append("spec:\n  interval: 10m\n");
        if (w.ReleaseName.Length > 0) text.Append($"  releaseName: {Q(w.ReleaseName)}\n");
        if (w.Namespace.Length > 0) text.Append($"  targetNamespace: {Q(w.Namespace)}\n  storageNamespace: {Q(w.Namespace)}\n");
        text.Append($"  chartRef:\n    kind: OCIRepository\n    name: {w.Name}\n");
        text.Append("  values:");
        AppendValues(text, w.Values, "    ");
        return text.ToString();
    }

    private static string FluxKustomization(WorkloadRecord w)
    {
        var text = new StringBuilder();
        text.Append("apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n");
        text.Append($"  name: {w.Name}\n  namespace: flux-system\n");
        text.Append("spec:\n  interval: 10m\n  prune: true\n  path: ./\n");
        text.Append($"  sourceRef:\n    kind: OCIRepository\n    name: {w.Name}\n");
        if (w.Namespace.Length > 0) text.Append($"  targetNamespace: {Q(w.Namespace)}\n");
        return text.ToString();
    }

    private string ArgoApplication(WorkloadRecord w, string version, string? requestHost, string scheme)
    {
        var host = RegistryHost(requestHost);
        var text = new StringBuilder();
        text.Append("apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n");
        text.Append($"  name: {w.Name}\n  namespace: argocd\n");
        text.Append($"  labels:\n    gitopshq.io/workload: {Q(w.Id)}\n");
        text.Append($"spec:\n  project: default\n  source:\n");
        if (IsChart(w.Kind))
        {
            text.Append($"    repoURL: {Q($"{host}/charts")}\n    chart: {Q(w.Artifact)}\n    targetRevision: {Q(version)}\n");
            text.Append("    helm:\n");
            if (w.ReleaseName.Length > 0) text.Append($"      releaseName: {Q(w.ReleaseName)}\n");
            text.Append("      valuesObject:");
            AppendValues(text, w.Values, "        ");
        }
        else
        {
            text.Append($"    repoURL: {Q($"{scheme}://{host}/git/{w.Kind}/{w.Artifact}.git")}\n    targetRevision: {Q(version)}\n    path: .\n");
        }
        text.Append("  destination:\n    server: https://kubernetes.default.svc\n");
        if (w.Namespace.Length > 0) text.Append($"    namespace: {Q(w.Namespace)}\n");
        return text.ToString();
    }

    /// <summary>The workload's values as a YAML map nested at <paramref name="indent"/> ("{}" when empty).</summary>
    private static void AppendValues(StringBuilder text, string values, string indent)
    {
        if (RequireValuesMap(values) == 0)
        {
            text.Append(" {}\n");
            return;
        }
        text.Append('\n');
        foreach (var line in values.Replace("\r\n", "\n").TrimEnd('\n').Split('\n'))
            text.Append(line.Length == 0 ? "" : indent + line).Append('\n');
    }

    /// <summary>Checks the values are one YAML map written in block style (so they nest as they are); gives its size.</summary>
    public static int RequireValuesMap(string values)
    {
        if (values.Trim().Length == 0) return 0;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(values));
        }
        catch (Exception e) when (Storage.YamlSyntax.IsError(e))
        {
            throw new ProductException(ErrorCode.RequestInvalid, $"values is not YAML: {e.Message}");
        }
        if (stream.Documents.Count > 1) throw new ProductException(ErrorCode.RequestInvalid, "values must be one YAML document.");
        return stream.Documents.FirstOrDefault()?.RootNode switch
        {
            null => 0,
            YamlMappingNode map => map.Children.Count,
            YamlScalarNode { Value: null or "" or "~" or "null" } => 0,
            var other => throw new ProductException(ErrorCode.RequestInvalid, $"values must be a YAML map (key: value), not a {other.NodeType.ToString().ToLowerInvariant()}."),
        };
    }
}
