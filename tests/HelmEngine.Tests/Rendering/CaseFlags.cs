using GitOpsHQ.Helm.Rendering;

namespace GitOpsHQ.HelmEngine.Tests.Rendering;

/// <summary>
/// <c>helm template</c> flags as a case lists them (one argument per line; a flag's value on the next line or
/// after <c>=</c>), applied to the engine's <see cref="RenderOptions"/> through the flags' one declaration,
/// <see cref="TemplateFlags"/>. A case names the release with <c>--name</c>, as the reference tools take it.
/// </summary>
internal static class CaseFlags
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
            var name = flag.StartsWith("--", StringComparison.Ordinal) && flag.Contains('=') ? flag[..flag.IndexOf('=')] : flag;
            var declared = TemplateFlags.Find(name == "--name" ? "release-name" : name)
                ?? throw new ArgumentException($"the engine has no equivalent of {flag}");
            string value;
            if (declared.Shape == TemplateFlagShape.Switch)
            {
                value = "true";
            }
            else if (flag.IndexOf('=') is var eq and >= 0)
            {
                value = flag[(eq + 1)..];
            }
            else
            {
                value = ++i < flags.Count ? flags[i] : throw new ArgumentException($"flag {flag} needs a value");
            }
            options = declared.Apply(options, value);
        }
        return options;
    }
}
