using System.Diagnostics;
using System.Text;
using GitOpsHQ.Contracts.Plugins.V1;
using Google.Protobuf;

namespace GitOpsHQ.Server.GitHttp;

public sealed record TagObject(string Target, string TargetType, string Name);

public sealed record PushedFile(string Path, string Blob, long Size, string Mode = "100644");

/// <summary>
/// Reads the objects of a push while it is still quarantined (before any ref moves), with the git CLI and the
/// object directories the pre-receive hook reported.
/// </summary>
public sealed class PushedObjects(string gitDir, string objectDirectory, string alternates)
{
    public string? TypeOf(string sha)
    {
        var (code, output) = Run(["cat-file", "-t", sha]);
        return code == 0 ? Encoding.UTF8.GetString(output).Trim() : null;
    }

    public TagObject ReadTag(string sha)
    {
        var text = Encoding.UTF8.GetString(Require(["cat-file", "tag", sha]));
        string Header(string key) =>
            text.Split('\n').FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal))?[(key.Length + 1)..] ?? "";
        return new TagObject(Header("object"), Header("type"), Header("tag"));
    }

    public bool IsAncestor(string ancestor, string descendant) => Run(["merge-base", "--is-ancestor", ancestor, descendant]).Code == 0;

    public List<PushedFile> Tree(string commit)
    {
        var listing = Encoding.UTF8.GetString(Require(["ls-tree", "-r", "-l", "-z", commit]));
        var files = new List<PushedFile>();
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // <mode> SP <type> SP <object> SP+ <size> TAB <path>
            var tab = entry.IndexOf('\t');
            var fields = entry[..tab].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Gitlinks (submodule commits) have no size; they are listed so the push rules can refuse them.
            files.Add(new PushedFile(entry[(tab + 1)..], fields[2], fields[1] == "blob" ? long.Parse(fields[3]) : 0, fields[0]));
        }
        return files;
    }

    public List<ArtifactFile> Read(IEnumerable<PushedFile> files) =>
        files.Select(f => new ArtifactFile { Path = f.Path, Content = ByteString.CopyFrom(Require(["cat-file", "blob", f.Blob])) }).ToList();

    private byte[] Require(string[] args)
    {
        var (code, output) = Run(args);
        return code == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)} failed in {gitDir}.");
    }

    private (int Code, byte[] Output) Run(string[] args)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--git-dir=" + gitDir);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        if (objectDirectory != "") start.Environment["GIT_OBJECT_DIRECTORY"] = objectDirectory;
        if (alternates != "") start.Environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = alternates;
        using var process = Process.Start(start)!;
        using var buffer = new MemoryStream();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(buffer);
        process.WaitForExit();
        _ = error.Result;
        return (process.ExitCode, buffer.ToArray());
    }
}
