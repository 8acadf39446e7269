using GitOpsHQ.Files;
using System.CommandLine;
using GitOpsHQ.Kustomize;

namespace GitOpsHQ.Cli;

/// <summary>
/// `gitopshq kustomize DIR`: what `kubectl kustomize DIR` prints, built by the server's own engine, locally.
/// Files are read from the enclosing Git work tree — else the current directory if DIR is inside it, else DIR's
/// parent — so overlays may reach `../base`. Remote bases (Git URLs) are fetched with the user's git, as kubectl does.
/// </summary>
public static class KustomizeCommand
{
    private const string RootOnly = "LoadRestrictionsRootOnly";
    private const string None = "LoadRestrictionsNone";

    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "Directory holding a kustomization.yaml" };
        var restrictor = new Option<string>("--load-restrictor")
        {
            Description = "if set to 'LoadRestrictionsNone', local kustomizations may load files from outside their root. This does, however, break the relocatability of the kustomization.",
            DefaultValueFactory = _ => RootOnly,
        };
        var command = new Command("kustomize", "Build a kustomization, as `kubectl kustomize DIR` does") { directory, restrictor };
        command.SetAction(parse =>
        {
            var restriction = parse.GetValue(restrictor);
            if (restriction is not (RootOnly or None))
            {
                Console.Error.WriteLine($"error: illegal flag value --load-restrictor {restriction}; legal values: [{RootOnly} {None}]");
                return 1;
            }
            var limits = BuildLimits.Default with { FilesOutsideRoot = restriction == None };
            var target = Path.GetFullPath(parse.GetValue(directory)!);
            if (!Directory.Exists(target))
            {
                Console.Error.WriteLine($"error: must build at directory: not a valid directory: '{target}'");
                return 1;
            }
            var top = WorkTree(target);
            try
            {
                var root = Path.GetRelativePath(top, target).Replace('\\', '/');
                // Only what the build asks for is looked up and read: a kustomization deep inside a large repository
                // costs what it costs in a small one.
                var files = LocalFiles.OnDisk(top);
                var remotes = new Dictionary<string, FileSet>(StringComparer.Ordinal);
                while (true)
                {
                    try
                    {
                        Console.Out.Write(KustomizeBuild.Run(files, root == "." ? "" : root, limits, new FetchedRemoteSources(remotes)));
                        return 0;
                    }
                    catch (RemoteSourceMissingException missing) when (!remotes.ContainsKey(missing.Url))
                    {
                        remotes[missing.Url] = RemoteFetch.Files(missing.Url);
                    }
                }
            }
            catch (Exception e) when (e is KustomizeBuildException or FileSetException or IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
        });
        return command;
    }

    private static string WorkTree(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".git")) || File.Exists(Path.Combine(dir.FullName, ".git"))) return dir.FullName;
        var current = Directory.GetCurrentDirectory();
        if (directory.StartsWith(current.TrimEnd('/') + "/", StringComparison.Ordinal)) return current;
        return Path.GetDirectoryName(directory) ?? directory;
    }
}
