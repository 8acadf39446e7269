using System.Text;
using System.Text.Json;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// What is needed to find a version without reading every version: how many there are and which is the most recent, the
/// version an OCI tag stands for, and the version a manifest, config or layer digest belongs to. Derived from Git and kept
/// beside it in <c>DATA/cache/versions/&lt;kind&gt;/&lt;name&gt;/</c>:
/// <code>
/// state.json                  the summary, stamped with the state of the repository's tags it was read from
/// unbuilt/&lt;hex of version&gt;   a version whose digests are not recorded yet (published since, or found in Git by a rebuild)
/// oci-tags/&lt;oci-tag&gt;          the version served under an OCI tag, for versions with '+' or '_' (Helm's '+' → '_')
/// built/&lt;hex of version&gt;     a version's tag object and its manifest, config and layer digests once it is built
/// digests/&lt;alg&gt;-&lt;hex&gt;         the version (and its tag object) a manifest, config or layer digest belongs to
/// </code>
/// Every file is written whole (temporary name, then rename), so a reader in any server process on the data folder sees
/// the old or the new file. The summary is trusted only while its stamp equals the repository's (the tags folder and
/// packed-refs); a missing, unreadable or stale one is read again from Git. A record found by key is checked against the
/// version's tag before it is used, so a record left by an earlier repository of the same name is never believed.
/// Writers of versions hold the artifact's write scope and carry the summary forward (<see cref="Added"/>). Nothing here
/// grows with the number of versions except the count of small files: the summary is the same size for 10 versions and
/// for 10,000.
/// </summary>
public sealed class VersionIndex(DataLayout layout)
{
    /// <summary>Names the layout of the files; a new value leaves older indexes unread.</summary>
    private const int Format = 2;

    /// <summary>The artifact's versions as the index holds them: how many, and the most recent.</summary>
    public sealed record State(int Format, string Stamp, int Count, string Latest, DateTimeOffset LatestPublishedAt, string LatestSha);

    /// <summary>What a digest or OCI tag names: a version and the tag object it was recorded with.</summary>
    public sealed record Found(string Version, string TagObject);

    /// <summary>A built version's digests, recorded against its tag object.</summary>
    public sealed record Built(string TagObject, string Manifest, string Config, string Layer);

    public string FolderOf(string kind, string name) => Path.Combine(layout.Cache, "versions", kind, name);

    /// <summary>The artifact is gone: its index goes too (an artifact created later under its name would rebuild it anyway).</summary>
    public void Forget(string kind, string name)
    {
        var folder = FolderOf(kind, name);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    /// <summary>The index of the repository's versions: read from its file while it matches Git, else rebuilt from Git and written.</summary>
    public State Current(ArtifactRepository repo, string kind, string name)
    {
        var folder = FolderOf(kind, name);
        var stamp = repo.TagsStamp();
        if (Read(folder) is { } state && state.Stamp == stamp) return state;
        return Rebuild(repo, kind, name, stamp);
    }

    /// <summary>Reads every version tag once; versions whose digests were recorded for the same tag object keep them.</summary>
    private State Rebuild(ArtifactRepository repo, string kind, string name, string stamp)
    {
        var folder = FolderOf(kind, name);
        var count = 0;
        VersionInfo? latest = null;
        string latestSha = "";
        foreach (var tag in repo.VersionTags)
        {
            count++;
            var info = VersionInfo.From(tag, repo.Publication(tag));
            if (latest is null || VersionInfo.MostRecentFirst.Compare(info, latest) < 0)
            {
                latest = info;
                latestSha = tag.Annotation.Sha;
            }
            if (ReadBuilt(folder, info.Version) is not { } built || built.TagObject != tag.Annotation.Sha) MarkUnbuilt(folder, info.Version);
            WriteOciTag(folder, info.Version);
        }
        var state = new State(Format, stamp, count, latest?.Version ?? "", latest?.PublishedAt ?? DateTimeOffset.MinValue, latestSha);
        Write(folder, state);
        return state;
    }

    /// <summary>
    /// Carries <paramref name="before"/> (read under the write scope before the tags moved) forward over the versions this
    /// writer created; the result is stamped with the repository's tags as they are now. Callers hold the write scope.
    /// </summary>
    public State Added(ArtifactRepository repo, string kind, string name, State before, IEnumerable<string> versions)
    {
        var folder = FolderOf(kind, name);
        var state = before;
        foreach (var version in versions)
        {
            if (repo.FindTag(version) is not { IsAnnotated: true } tag) continue;
            var info = VersionInfo.From(tag, repo.Publication(tag));
            state = state with { Count = state.Count + 1 };
            if (state.Latest == "" || VersionInfo.MostRecentFirst.Compare(info, LatestOf(state)) < 0)
                state = state with { Latest = info.Version, LatestPublishedAt = info.PublishedAt, LatestSha = tag.Annotation.Sha };
            if (ReadBuilt(folder, version)?.TagObject != tag.Annotation.Sha) MarkUnbuilt(folder, version);
            WriteOciTag(folder, version);
        }
        state = state with { Stamp = repo.TagsStamp() };
        Write(folder, state);
        return state;
    }

    /// <summary>
    /// The versions whose digests are not recorded yet, as of the last <see cref="Current"/> (one small file each, so
    /// writers in any process add and remove them without rewriting a shared list).
    /// </summary>
    public List<string> Unbuilt(string kind, string name)
    {
        var folder = Path.Combine(FolderOf(kind, name), "unbuilt");
        if (!Directory.Exists(folder)) return [];
        var versions = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            var key = Path.GetFileName(file);
            if (key.Contains('.')) continue; // being written
            try
            {
                versions.Add(Encoding.UTF8.GetString(Convert.FromHexString(key)));
            }
            catch (FormatException)
            {
                File.Delete(file);
            }
        }
        return versions;
    }

    /// <summary>The versions of <paramref name="built"/> have their digests recorded now (or cannot be built): they are not unbuilt any more.</summary>
    public void MarkBuilt(string kind, string name, IEnumerable<string> built)
    {
        foreach (var version in built) File.Delete(Path.Combine(FolderOf(kind, name), "unbuilt", VersionKey(version)));
    }

    private static void MarkUnbuilt(string folder, string version)
    {
        var file = Path.Combine(folder, "unbuilt", VersionKey(version));
        if (!File.Exists(file)) WriteText(file, "");
    }

    private static string VersionKey(string version) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(version));

    private static VersionInfo LatestOf(State state) =>
        new(state.Latest, "", state.LatestPublishedAt, "", "", "", PublishSource.Api, "");

    /// <summary>The version served under <paramref name="ociTag"/>, checked against its tag; null when no version is.</summary>
    /// <remarks>Only versions with '+' or '_' differ from their OCI tag or share it with another spelling; the rest are their own tag.</remarks>
    public string? VersionOfOciTag(ArtifactRepository repo, string kind, string name, string ociTag)
    {
        if (repo.FindTag(ociTag) is { IsAnnotated: true }) return ociTag;
        if (!ociTag.Contains('_')) return null;
        Current(repo, kind, name);
        var file = Path.Combine(FolderOf(kind, name), "oci-tags", ociTag);
        var version = ReadText(file)?.TrimEnd('\n');
        return version is not null && VersionTag.ToOciTag(version) == ociTag && repo.FindTag(version) is { IsAnnotated: true } ? version : null;
    }

    /// <summary>The version a manifest, config or layer digest belongs to, if it is recorded and its tag is still that tag object.</summary>
    public Found? VersionOfDigest(ArtifactRepository repo, string kind, string name, string digest)
    {
        var text = ReadText(Path.Combine(FolderOf(kind, name), "digests", Key(digest)));
        if (text?.Split('\n') is not [var version, var tagObject, ..] || version == "") return null;
        return repo.RefTarget("refs/tags/" + version) == tagObject ? new Found(version, tagObject) : null;
    }

    /// <summary>A version's recorded digests, if they were recorded for the tag object it has now.</summary>
    public Built? BuiltOf(string kind, string name, string version, string tagObject) =>
        ReadBuilt(FolderOf(kind, name), version) is { } built && built.TagObject == tagObject ? built : null;

    /// <summary>
    /// Records a built version's digests. The same version always builds to the same digests, so any process may write
    /// them without the write scope: the files are only ever replaced by equal ones.
    /// </summary>
    public void RecordBuilt(string kind, string name, string version, Built built)
    {
        var folder = FolderOf(kind, name);
        foreach (var digest in new[] { built.Manifest, built.Config, built.Layer }.Distinct())
        {
            var file = Path.Combine(folder, "digests", Key(digest));
            if (ReadText(file) is { } existing && existing == $"{version}\n{built.TagObject}\n") continue;
            WriteText(file, $"{version}\n{built.TagObject}\n");
        }
        WriteText(BuiltFile(folder, version), JsonSerializer.Serialize(built));
    }

    private static Built? ReadBuilt(string folder, string version)
    {
        try
        {
            return ReadText(BuiltFile(folder, version)) is { } text ? JsonSerializer.Deserialize<Built>(text) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string BuiltFile(string folder, string version) =>
        Path.Combine(folder, "built", VersionKey(version));

    private static void WriteOciTag(string folder, string version)
    {
        if (!version.Contains('+') && !version.Contains('_')) return;
        var file = Path.Combine(folder, "oci-tags", VersionTag.ToOciTag(version));
        if (ReadText(file) != version + "\n") WriteText(file, version + "\n");
    }

    private static State? Read(string folder)
    {
        try
        {
            return ReadText(Path.Combine(folder, "state.json")) is { } text && JsonSerializer.Deserialize<State>(text) is { Format: Format, Stamp: not null, Latest: not null } state
                ? state
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(string folder, State state) => WriteText(Path.Combine(folder, "state.json"), JsonSerializer.Serialize(state));

    private static string? ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private static void WriteText(string file, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = file + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, text);
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>A registry digest as a file name ("sha256:ab…" is "sha256-ab…").</summary>
    private static string Key(string digest) => digest.Replace(':', '-');
}
