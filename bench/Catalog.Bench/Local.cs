using System.Diagnostics;

namespace GitOpsHQ.Bench;

/// <summary>Folders and git commands on this machine, for the benchmarks that lay out charts and clones.</summary>
internal static class Local
{
    /// <summary>Copies a folder's tree, empty folders included.</summary>
    public static void CopyDirectory(string from, string to)
    {
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
    }

    /// <summary>Runs git in a working directory; throws with git's error when it fails.</summary>
    public static void Git(string directory, params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {error.Result}");
    }

    /// <summary>Runs git on a bare repository (or none), with <paramref name="input"/> on its standard input (fast-import streams).</summary>
    public static void GitDir(string? gitDir, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = input is not null, RedirectStandardError = true };
        if (gitDir is not null) start.ArgumentList.Add("--git-dir=" + gitDir);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            process.StandardInput.Write(input);
            process.StandardInput.Close();
        }
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"git {string.Join(' ', args)}: {error}");
    }
}
