using LibGit2Sharp;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Server.Catalog;

/// <summary>A published version: an annotated tag, its commit, tagger and release notes.</summary>
public sealed record VersionInfo(string Version, string Commit, DateTimeOffset PublishedAt, string PublisherUsername, string PublisherName,
    string PublisherEmail, PublishSource Source, string Notes)
{
    /// <summary>Signatures, SBOMs and other OCI referrers attached to the version (filled where a caller shows them).</summary>
    public IReadOnlyList<Storage.Attachment> Attachments { get; init; } = [];

    /// <summary>The tag, and the publication note where there is one (else the tagger is the publisher).</summary>
    public static VersionInfo From(Tag tag, Publication? publication)
    {
        var annotation = tag.Annotation;
        var publishedAt = publication is { At: var at } && at != DateTimeOffset.MinValue ? at : annotation.Tagger.When;
        return new VersionInfo(tag.FriendlyName, tag.PeeledTarget.Sha, publishedAt.ToUniversalTime(),
            publication?.Username ?? "", publication?.Name ?? annotation.Tagger.Name, publication?.Email ?? annotation.Tagger.Email,
            publication?.Source ?? PublishSource.Api, annotation.Message.TrimEnd('\n'));
    }

    /// <summary>Highest SemVer precedence first (versions that are not SemVer last, by name).</summary>
    public static IComparer<VersionInfo> HighestFirst { get; } = Comparer<VersionInfo>.Create((a, b) =>
    {
        var va = SemanticVersion.TryParse(a.Version);
        var vb = SemanticVersion.TryParse(b.Version);
        if (va is not null && vb is not null && vb.CompareTo(va) is var byPrecedence and not 0) return byPrecedence;
        if ((va is null) != (vb is null)) return va is null ? 1 : -1;
        return string.CompareOrdinal(b.Version, a.Version);
    });

    /// <summary>Most recent first: publish time, then SemVer precedence, then the tag name.</summary>
    public static IComparer<VersionInfo> MostRecentFirst { get; } = Comparer<VersionInfo>.Create((a, b) =>
    {
        var byTime = b.PublishedAt.CompareTo(a.PublishedAt);
        if (byTime != 0) return byTime;
        if (SemanticVersion.TryParseStrict(a.Version) is { } va && SemanticVersion.TryParseStrict(b.Version) is { } vb)
        {
            var byPrecedence = vb.CompareTo(va);
            if (byPrecedence != 0) return byPrecedence;
        }
        return string.CompareOrdinal(b.Version, a.Version);
    });
}
