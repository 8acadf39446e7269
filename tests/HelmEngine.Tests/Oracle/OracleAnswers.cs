using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GitOpsHQ.HelmEngine.Tests.Oracle;

/// <summary>
/// The oracle's answers, committed beside the tests in OracleAnswers/&lt;key&gt;.json. A question's key is its
/// arguments with every argument that names a file or folder replaced by a hash of its content, so a chart written
/// to a new temporary folder on each run asks the same question; those paths are kept as placeholders in the
/// recorded output and put back on replay.
/// </summary>
internal static class OracleAnswers
{
    public static bool Regenerating => Environment.GetEnvironmentVariable("GITOPSHQ_REGENERATE") == "1";

    private static readonly string Folder = Path.Combine(SourceTree(), "tests", "HelmEngine.Tests", "OracleAnswers");

    public static bool Present => Directory.Exists(Folder) && Directory.EnumerateFiles(Folder, "*.json", SearchOption.AllDirectories).Any();

    private sealed record Answer(List<string> Arguments, int Code, string Output, string Error);

    public static (int Code, string Output, string Error)? Find(IReadOnlyList<string> args)
    {
        var (key, normalised, paths) = Key(args);
        var file = FileOf(key);
        if (!File.Exists(file))
        {
            return null;
        }
        var answer = JsonSerializer.Deserialize<Answer>(File.ReadAllText(file))!;
        return (answer.Code, Restore(answer.Output, paths), Restore(answer.Error, paths));
    }

    public static void Record(IReadOnlyList<string> args, (int Code, string Output, string Error) live)
    {
        var (key, normalised, paths) = Key(args);
        var file = FileOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var answer = new Answer(normalised, live.Code, Placeholders(live.Output, paths), Placeholders(live.Error, paths));
        var temporary = file + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, JsonSerializer.Serialize(answer, new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, file, overwrite: true);
    }

    private static string FileOf(string key) => Path.Combine(Folder, key[..2], key + ".json");

    /// <summary>The question's key, its arguments as recorded, and the paths it named (longest first, for placeholders).</summary>
    private static (string Key, List<string> Normalised, List<(string Path, string Placeholder)> Paths) Key(IReadOnlyList<string> args)
    {
        var normalised = new List<string>();
        var paths = new List<(string, string)>();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (Directory.Exists(arg))
            {
                normalised.Add("dir:" + FolderHash(arg));
                paths.Add((Path.GetFullPath(arg).TrimEnd('/'), $"{{{{path{i}}}}}"));
            }
            else if (File.Exists(arg))
            {
                normalised.Add("file:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(arg))));
                paths.Add((Path.GetFullPath(arg), $"{{{{path{i}}}}}"));
            }
            else
            {
                normalised.Add(arg);
            }
        }
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\0', normalised))));
        paths.Sort((a, b) => b.Item1.Length.CompareTo(a.Item1.Length));
        return (key, normalised, paths);
    }

    private static string FolderHash(string folder)
    {
        var text = new StringBuilder();
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
                     .Order(StringComparer.Ordinal))
        {
            text.Append(file).Append('\0').Append(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static string Placeholders(string text, List<(string Path, string Placeholder)> paths)
    {
        foreach (var (path, placeholder) in paths)
        {
            text = text.Replace(path, placeholder, StringComparison.Ordinal);
        }
        return text;
    }

    private static string Restore(string text, List<(string Path, string Placeholder)> paths)
    {
        foreach (var (path, placeholder) in paths)
        {
            text = text.Replace(placeholder, path, StringComparison.Ordinal);
        }
        return text;
    }

    private static string SourceTree()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOpsHQ.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("The committed oracle answers are read from the source tree (GitOpsHQ.sln above the test binaries).");
    }
}
