using LibGit2Sharp;

namespace GitOpsHQ.Server.Catalog;

/// <summary>The authenticated person or script a change is made by: the author of commits, the tagger of versions.</summary>
public sealed record Actor(string Username, string Name, string Email)
{
    public Signature Signature(DateTimeOffset when) => new(Name, Email, when);
}
