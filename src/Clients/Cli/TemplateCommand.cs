using System.CommandLine;
using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.Cli;

/// <summary>
/// `gitopshq template [NAME] CHART_DIR`: what `helm template` prints for a chart directory, rendered by the
/// server's own engine, locally, with Helm's flags.
/// </summary>
public static class TemplateCommand
{
    public static Command Create()
    {
        var positional = new Argument<string[]>("[NAME] CHART")
        {
            Description = "Chart directory, optionally after a release name (as `helm template NAME CHART`)",
            Arity = new ArgumentArity(1, 2),
        };
        var values = Many("--values", "Values file (repeatable; later files win)", "-f");
        var set = Many("--set", "Set values: a.b=c,d[0]=e (repeatable)");
        var setString = Many("--set-string", "Set STRING values (repeatable)");
        var setJson = Many("--set-json", "Set JSON values: a.b={\"c\":1} (repeatable)");
        var releaseName = new Option<string>("--release-name") { Description = "Release name (default release-name)" };
        var ns = new Option<string>("--namespace", "-n") { Description = "Release namespace (default default)" };
        var kubeVersion = new Option<string>("--kube-version") { Description = "Kubernetes version for Capabilities.KubeVersion" };
        var apiVersions = Many("--api-versions", "Extra Capabilities.APIVersions (repeatable)", "-a");
        var includeCrds = new Option<bool>("--include-crds") { Description = "Print the charts' crds/ too" };
        var noHooks = new Option<bool>("--no-hooks") { Description = "Leave hooks out" };
        var skipTests = new Option<bool>("--skip-tests") { Description = "Leave test hooks out" };
        var isUpgrade = new Option<bool>("--is-upgrade") { Description = "Render as an upgrade (.Release.IsUpgrade)" };
        var deterministic = new Option<bool>("--deterministic") { Description = "Fixed stand-ins for random, clock and key functions" };
        var command = new Command("template", "Render a chart locally, as `helm template` does")
        {
            positional, values, set, setString, setJson, releaseName, ns, kubeVersion, apiVersions,
            includeCrds, noHooks, skipTests, isUpgrade, deterministic,
        };
        command.SetAction(parse =>
        {
            var arguments = parse.GetValue(positional)!;
            var chart = Path.GetFullPath(arguments[^1]);
            if (!Directory.Exists(chart))
            {
                Console.Error.WriteLine($"Error: path \"{arguments[^1]}\" not found");
                return 1;
            }
            try
            {
                var options = new RenderOptions
                {
                    ReleaseName = parse.GetValue(releaseName) ?? (arguments.Length == 2 ? arguments[0] : "release-name"),
                    Namespace = parse.GetValue(ns) ?? "default",
                    ValuesFiles = [.. (parse.GetValue(values) ?? []).Select(ReadValuesFile)],
                    Overrides =
                    [
                        .. (parse.GetValue(set) ?? []).Select(text => new ValueOverride(ValueOverrideKind.Set, text)),
                        .. (parse.GetValue(setString) ?? []).Select(text => new ValueOverride(ValueOverrideKind.SetString, text)),
                        .. (parse.GetValue(setJson) ?? []).Select(text => new ValueOverride(ValueOverrideKind.SetJson, text)),
                    ],
                    KubeVersion = parse.GetValue(kubeVersion),
                    ApiVersions = [.. (parse.GetValue(apiVersions) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries))],
                    IncludeCrds = parse.GetValue(includeCrds),
                    NoHooks = parse.GetValue(noHooks),
                    SkipTests = parse.GetValue(skipTests),
                    IsUpgrade = parse.GetValue(isUpgrade),
                    Deterministic = parse.GetValue(deterministic),
                };
                Console.Out.Write(ChartRenderer.Render(LocalFiles.Read(chart, ".git"), options));
                return 0;
            }
            catch (Exception e) when (e is RenderException or IOException or ArgumentException)
            {
                Console.Error.WriteLine($"Error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Option<string[]> Many(string name, string description, params string[] aliases) =>
        new(name, aliases) { Description = description, AllowMultipleArgumentsPerToken = false };

    private static string ReadValuesFile(string path) =>
        path == "-" ? Console.In.ReadToEnd()
        : File.Exists(path) ? File.ReadAllText(path)
        : throw new IOException($"open {path}: no such file or directory");
}
