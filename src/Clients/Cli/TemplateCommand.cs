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
        var setFiles = Many("--set-file", "Set values from files: a.b=path,c=path (repeatable; each file's text is the value)");
        var outputDir = new Option<string>("--output-dir")
        {
            Description = "Write each template's objects to files in this folder (DIR/chart/templates/…) instead of printing them",
        };
        var command = new Command("template", "Render a chart locally, as `helm template` does") { positional, values, setFiles, outputDir };
        var flags = new List<(TemplateFlag Flag, Option Option)>();
        foreach (var flag in TemplateFlags.All)
        {
            Option option = flag.Shape switch
            {
                TemplateFlagShape.Switch => new Option<bool>(flag.LongName, flag.Aliases) { Description = flag.Description },
                TemplateFlagShape.Values => Many(flag.LongName, flag.Description, flag.Aliases),
                _ => new Option<string>(flag.LongName, flag.Aliases) { Description = flag.Description },
            };
            command.Options.Add(option);
            flags.Add((flag, option));
        }
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
                var given = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var (flag, option) in flags)
                {
                    switch (option)
                    {
                        case Option<bool> on when parse.GetValue(on):
                            given[flag.Name] = ["true"];
                            break;
                        case Option<string[]> many when parse.GetValue(many) is { Length: > 0 } texts:
                            given[flag.Name] = texts;
                            break;
                        case Option<string> one when parse.GetValue(one) is { } text:
                            given[flag.Name] = [text];
                            break;
                    }
                }
                var options = TemplateFlags.Apply(new RenderOptions
                {
                    ReleaseName = arguments.Length == 2 ? arguments[0] : "release-name",
                    ValuesFiles = [.. (parse.GetValue(values) ?? []).Select(ReadValuesFile)],
                }, given);
                options = options with { Overrides = [.. options.Overrides, .. (parse.GetValue(setFiles) ?? []).SelectMany(SetFile.Read)] };
                // Files are read as the chart loader takes them: what .helmignore leaves out is never read.
                var files = LocalFiles.ReadLazily(chart, ".git");
                if (parse.GetValue(outputDir) is { Length: > 0 } folder)
                {
                    OutputDirectory.Write(folder, ChartRenderer.RenderEntries(files, options));
                    if (options.ShowOnly.Count > 0)
                    {
                        // Helm writes the files, then finds nothing printed to show.
                        throw new RenderException($"could not find template {options.ShowOnly[0]} in chart");
                    }

                    Console.Out.Write("\n"); // the (empty) printout that follows the files
                    return 0;
                }

                Console.Out.Write(ChartRenderer.Render(files, options));
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
