using LibGit2Sharp;
using Semver;

namespace GitOpsHQ.Server.Catalog;

/// <summary>A published version: an annotated tag, its commit, tagger and release notes.</summary>
public sealed record VersionInfo(string Version, string Commit, DateTimeOffset PublishedAt, string PublisherName, string PublisherEmail, string Notes)
{
    public static VersionInfo From(Tag tag)
    {
        var annotation = tag.Annotation;
        return new VersionInfo(tag.FriendlyName, tag.PeeledTarget.Sha, annotation.Tagger.When.ToUniversalTime(),
            annotation.Tagger.Name, annotation.Tagger.Email, annotation.Message.TrimEnd('\n'));
    }

    /// <summary>Most recent first: publish time, then SemVer precedence, then the tag name.</summary>
    public static IComparer<VersionInfo> MostRecentFirst { get; } = Comparer<VersionInfo>.Create((a, b) =>
    {
        var byTime = b.PublishedAt.CompareTo(a.PublishedAt);
        if (byTime != 0) return byTime;
        if (SemVersion.TryParse(a.Version, SemVersionStyles.Strict, out var va) &&
            SemVersion.TryParse(b.Version, SemVersionStyles.Strict, out var vb))
        {
            var byPrecedence = vb.ComparePrecedenceTo(va);
            if (byPrecedence != 0) return byPrecedence;
        }
        return string.CompareOrdinal(b.Version, a.Version);
    });
}
