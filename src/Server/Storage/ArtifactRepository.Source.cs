using GitOpsHQ.Server.ExternalSources;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Storage;

public sealed partial class ArtifactRepository
{
    private const string SourceSection = "gitopshq.source";

    /// <summary>
    /// Where the artifact's versions come from when they are not authored here (kept in the repository's config, set once
    /// when the artifact is created); null for an artifact edited here.
    /// </summary>
    public ChartSourceSpec? Source
    {
        get
        {
            var type = _repo.Config.Get<string>($"{SourceSection}.type")?.Value;
            if (string.IsNullOrEmpty(type)) return null;
            return new ChartSourceSpec(type, _repo.Config.Get<string>($"{SourceSection}.reference")?.Value ?? "",
                _repo.Config.Get<string>($"{SourceSection}.chart")?.Value ?? "", _repo.Config.Get<bool>($"{SourceSection}.mirror")?.Value ?? false);
        }
    }

    public void SetSource(ChartSourceSpec spec)
    {
        _repo.Config.Set($"{SourceSection}.reference", spec.Reference);
        _repo.Config.Set($"{SourceSection}.chart", spec.Chart);
        _repo.Config.Set($"{SourceSection}.mirror", spec.Mirror);
        _repo.Config.Set($"{SourceSection}.type", spec.Type);
    }

    /// <summary>
    /// A commit whose tree is exactly <paramref name="files"/> (an imported version), on top of main. Main moves to it when
    /// <paramref name="moveMain"/> (the newest version so far); otherwise the commit is reachable through its version tag alone.
    /// </summary>
    public Commit CommitImport(IEnumerable<(string Path, byte[] Content)> files, Signature author, string message, bool moveMain)
    {
        var head = Head;
        if (moveMain) return CommitSnapshotOnMain(head, files, author, message);
        var definition = new TreeDefinition();
        foreach (var (path, content) in files) definition.Add(path, CreateBlob(content), Mode.NonExecutableFile);
        var tree = _repo.ObjectDatabase.CreateTree(definition);
        return _repo.ObjectDatabase.CreateCommit(author, author, message, tree, head is null ? [] : [head], prettifyMessage: true);
    }

    private const string UpstreamNotes = "upstream";

    /// <summary>Where an imported version came from (its address and digest), noted on its tag. Callers hold the artifact's lock.</summary>
    public void RecordUpstream(string version, string location, string digest, Signature signature)
    {
        var tag = FindTag(version) ?? throw new InvalidOperationException($"No tag {version}.");
        WriteNote(UpstreamNotes, tag.Annotation.Id, $"location: {location}\ndigest: {digest}\n", signature);
    }

    /// <summary>The imported version's upstream address and digest, when it was imported from a source.</summary>
    public (string Location, string Digest)? Upstream(Tag tag)
    {
        if (!tag.IsAnnotated || ReadNote(UpstreamNotes, tag.Annotation.Id) is not { } note) return null;
        var fields = note.Split('\n').Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
        return (fields.GetValueOrDefault("location", ""), fields.GetValueOrDefault("digest", ""));
    }
}
