using System.Diagnostics;

namespace GitOpsHQ.Bench;

/// <summary>Writes a data folder of manifest bundles the way the server lays it out, using the git CLI.</summary>
public static class DataFolder
{
    public static void Generate(string data, int artifacts, int versions)
    {
        var kindFolder = Path.Combine(data, "repos", "manifest-bundles");
        Directory.CreateDirectory(kindFolder);
        var template = Path.Combine(data, "template.git");
        Git(null, "init", "--bare", "-q", "-b", "main", template);
        Git(template, "config", "gitopshq.createdAt", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString());

        // fast-import: one commit and one annotated tag per version.
        var import = new System.Text.StringBuilder();
        var time = DateTimeOffset.UtcNow.AddDays(-versions).ToUnixTimeSeconds();
        for (var v = 1; v <= versions; v++)
        {
            var manifest = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  version: \"{v}\"\n";
            import.Append($"commit refs/heads/main\nmark :{v}\ncommitter Bench <bench@example.com> {time + v * 60} +0000\ndata 12\nversion {v,4}\n");
            if (v > 1) import.Append($"from :{v - 1}\n");
            import.Append($"M 100644 inline settings.yaml\ndata {manifest.Length}\n{manifest}\n");
            import.Append($"tag {v}.0.0\nfrom :{v}\ntagger Bench <bench@example.com> {time + v * 60 + 1} +0000\ndata 8\nrelease\n\n");
        }
        Local.GitDir(template, import.ToString(), "fast-import", "--quiet");
        Git(template, "gc", "-q");

        for (var i = 0; i < artifacts; i++)
        {
            var target = Path.Combine(kindFolder, $"bundle-{i:D5}.git");
            Local.CopyDirectory(template, target);
            File.WriteAllText(Path.Combine(target, "description"), $"Bench bundle {i}\n");
        }
        Directory.Delete(template, recursive: true);
    }

    private static void Git(string? gitDir, params string[] args) => Local.GitDir(gitDir, null, args);
}
