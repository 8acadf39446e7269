using System.Collections.Concurrent;
using System.Security.Cryptography;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Plugins;

namespace GitOpsHQ.Server.GitHttp;

/// <summary>One `git push` in flight: who pushes to which artifact, and what its pre-receive check accepted.</summary>
public sealed class ReceiveSession(ArtifactKind kind, string name, Actor actor)
{
    public string Id { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string Secret { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
    public ArtifactKind Kind => kind;
    public string Name => name;
    public Actor Actor => actor;
    /// <summary>
    /// The artifact's write scope, taken by the pre-receive check and held until receive-pack has moved the refs, so no
    /// other writer lands between the check and the update.
    /// </summary>
    public IDisposable? WriteScope { get; set; }

    /// <summary>Versions the pre-receive check accepted, with the tag object this push carries for each.</summary>
    public Dictionary<string, string> AcceptedVersions { get; } = new(StringComparer.Ordinal);

    /// <summary>The artifact's version index read in the push's check, before any of its tags landed.</summary>
    public Catalog.VersionIndex.State? VersionsBefore { get; set; }

    /// <summary>The pusher's audit record as captured from the push request (who, from where), completed per version.</summary>
    public Audit.PendingRecord? Record { get; set; }

    /// <summary>The push's "git.pushed" record, journaled once the check accepted it and written when the refs have moved.</summary>
    public Audit.AuditJournal.Pending? PendingRecord { get; set; }

    /// <summary>The ref updates the pre-receive check accepted.</summary>
    public List<RefUpdate> AcceptedUpdates { get; } = [];
}

/// <summary>The pushes in flight, so the pre-receive hook can call back with the session's secret.</summary>
public sealed class ReceiveSessions
{
    private readonly ConcurrentDictionary<string, ReceiveSession> _sessions = new();

    public ReceiveSession Open(ArtifactKind kind, string name, Actor actor)
    {
        var session = new ReceiveSession(kind, name, actor);
        _sessions[session.Id] = session;
        return session;
    }

    public void Close(ReceiveSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        session.WriteScope?.Dispose();
    }

    public ReceiveSession? Find(string id, string presentedSecret) =>
        _sessions.TryGetValue(id, out var session) &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(session.Secret), System.Text.Encoding.ASCII.GetBytes(presentedSecret))
            ? session
            : null;
}
