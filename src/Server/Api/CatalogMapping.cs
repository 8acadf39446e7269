using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Plugins;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using LibGit2Sharp;

namespace GitOpsHQ.Server.Api;

/// <summary>Domain ↔ proto for the catalog service.</summary>
internal static class CatalogMapping
{
    public static Artifact ToProto(this ArtifactSummary a, ArtifactKind kind) => new()
    {
        Name = a.Name,
        Kind = kind.Kind,
        Collection = kind.Collection,
        SourceType = kind.SourceType,
        Description = a.Description,
        LatestVersion = a.LatestVersion,
        VersionCount = a.VersionCount,
        HeadCommit = a.HeadCommit,
        CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(a.UpdatedAt),
    };

    public static Contracts.Catalog.V1.Version ToProto(this VersionInfo v, string name, UserDirectory users) => new()
    {
        Name = name,
        Version_ = v.Version,
        Commit = v.Commit,
        PublishedAt = Timestamp.FromDateTimeOffset(v.PublishedAt),
        Publisher = new Person
        {
            Username = v.PublisherUsername != "" ? v.PublisherUsername : users.FindByEmail(v.PublisherEmail)?.Username ?? "",
            Name = v.PublisherName,
            Email = v.PublisherEmail,
        },
        Notes = v.Notes,
        Source = Publication.SourceName(v.Source),
        Attachments = { v.Attachments.Select(a => a.ToProto()) },
    };

    public static Contracts.Catalog.V1.Attachment ToProto(this Storage.Attachment a) => new()
    {
        Digest = a.Digest,
        MediaType = a.MediaType,
        ArtifactType = a.ArtifactType,
        Size = a.Size,
        Subject = a.Subject,
        Annotations = { a.Annotations.ToDictionary() },
        AttachedBy = a.AttachedBy,
        AttachedAt = Timestamp.FromDateTimeOffset(a.AttachedAt),
    };

    public static CommitResult ToProto(this CommitInfo c, Actor actor) => new()
    {
        Commit = c.Commit,
        Message = c.Message,
        Author = new Person { Username = actor.Username, Name = actor.Name, Email = actor.Email },
        CommittedAt = Timestamp.FromDateTimeOffset(c.CommittedAt),
    };

    public static Contracts.Catalog.V1.File ToProto(this FileSnapshot f)
    {
        var file = new Contracts.Catalog.V1.File { Path = f.Path, Size = f.Content.Length, Commit = f.Commit, Blob = f.Blob };
        if (Storage.ArtifactRepository.AsText(f.Content) is { } text) file.Text = text;
        else file.Content = ByteString.CopyFrom(f.Content);
        return file;
    }

    public static Contracts.Catalog.V1.Diff ToProto(this RefDiff d) => new()
    {
        From = d.From,
        To = d.To,
        FromCommit = d.FromCommit,
        ToCommit = d.ToCommit,
        Files =
        {
            d.Files.Select(f => new FileDiff
            {
                Path = f.Path, OldPath = f.OldPath, Status = Status(f.Status), Binary = f.Binary,
                Additions = f.Additions, Deletions = f.Deletions, Patch = f.Patch,
            }),
        },
    };

    private static FileDiff.Types.Status Status(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => FileDiff.Types.Status.Added,
        ChangeKind.Deleted => FileDiff.Types.Status.Deleted,
        ChangeKind.Renamed => FileDiff.Types.Status.Renamed,
        _ => FileDiff.Types.Status.Modified,
    };
}
