using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// <c>helm template</c> flags as a case lists them (one argument per line; a flag's value on the next line or
/// after <c>=</c>) and the same flags as the engine's <see cref="RenderOptions"/>.
/// </summary>
internal static class TemplateFlags
{
    public static IReadOnlyList<string> Read(string caseDirectory)
    {
        var file = Path.Combine(caseDirectory, "flags");
        return File.Exists(file)
            ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];
    }

    public static RenderOptions Apply(RenderOptions options, IReadOnlyList<string> flags)
    {
        for (var i = 0; i < flags.Count; i++)
        {
            var flag = flags[i];
            string Value()
            {
                var eq = flag.IndexOf('=');
                if (eq >= 0)
                {
                    return flag[(eq + 1)..];
                }
                return ++i < flags.Count ? flags[i] : throw new ArgumentException($"flag {flag} needs a value");
            }
            var name = flag.StartsWith("--", StringComparison.Ordinal) && flag.Contains('=') ? flag[..flag.IndexOf('=')] : flag;
            options = name switch
            {
                "--name" => options with { ReleaseName = Value() },
                "-n" or "--namespace" => options with { Namespace = Value() },
                "--kube-version" => options with { KubeVersion = Value() },
                "-a" or "--api-versions" => options with { ApiVersions = [.. options.ApiVersions, .. Value().Split(',')] },
                "--include-crds" => options with { IncludeCrds = true },
                "--no-hooks" => options with { NoHooks = true },
                "--skip-tests" => options with { SkipTests = true },
                "--is-upgrade" => options with { IsUpgrade = true },
                "--deterministic" => options with { Deterministic = true },
                "--set" => options with { Overrides = [.. options.Overrides, new(ValueOverrideKind.Set, Value())] },
                "--set-string" => options with { Overrides = [.. options.Overrides, new(ValueOverrideKind.SetString, Value())] },
                "--set-json" => options with { Overrides = [.. options.Overrides, new(ValueOverrideKind.SetJson, Value())] },
                _ => throw new ArgumentException($"the engine has no equivalent of {flag}"),
            };
        }
        return options;
    }
}
