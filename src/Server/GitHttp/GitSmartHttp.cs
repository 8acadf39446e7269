using System.IO.Compression;
using System.Text;
using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Catalog;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Hosting;
using GitOpsHQ.Server.Plugins;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.GitHttp;

/// <summary>
/// Git smart HTTP (protocol v0 and v2) for artifact repositories: clone and fetch with read rights, push with
/// editor rights. The git binary does the protocol work; the server authorises, streams and applies its rules.
/// </summary>
public sealed class GitSmartHttp(
    ArtifactKinds kinds, ArtifactRepositories repositories, ArtifactCatalog catalog, PublicationJournal journal, ReceiveSessions sessions, PushPolicy policy,
    CleartextHttp2Splice splice, IOptions<GitHttpOptions> options, TimeProvider clock, Audit.AuditTrail audit, Audit.AuditJournal auditJournal,
    Observability.ServerMetrics metrics, ILogger<GitSmartHttp> logger)
{
    private const string UploadPack = "git-upload-pack";
    private const string ReceivePack = "git-receive-pack";

    public async Task AdvertiseAsync(HttpContext http, string kind, string name)
    {
        var service = http.Request.Query["service"].ToString();
        if (service is not (UploadPack or ReceivePack))
        {
            await Text(http, 400, "GitOpsHQ serves Git over smart HTTP only; use git 1.6.6 or later.");
            return;
        }
        var target = await FindAsync(http, kind, name, service == ReceivePack, createIfMissing: service == ReceivePack);
        if (target is null) return;

        http.Response.ContentType = $"application/x-{service}-advertisement";
        http.Response.Headers.CacheControl = "no-cache";
        var protocol = GitProtocol(http);
        await using var output = Served(http);
        if (protocol is null)
        {
            var line = $"# service={service}\n";
            await output.WriteAsync(Encoding.ASCII.GetBytes($"{line.Length + 4:x4}{line}0000"));
        }
        await GitProcess.RunAsync([service[4..], "--stateless-rpc", "--advertise-refs", target.Value.Path], Environment(protocol), null,
            output, http.RequestAborted);
    }

    public async Task UploadPackAsync(HttpContext http, string kind, string name)
    {
        var target = await FindAsync(http, kind, name, write: false, createIfMissing: false);
        if (target is null) return;
        http.Response.ContentType = "application/x-git-upload-pack-result";
        http.Response.Headers.CacheControl = "no-cache";
        await using var output = Served(http);
        await GitProcess.RunAsync(["upload-pack", "--stateless-rpc", target.Value.Path], Environment(GitProtocol(http)), RequestBody(http),
            output, http.RequestAborted);
    }

    /// <summary>The response body, counted into the Git bytes served (the stream leaves the response open).</summary>
    private Observability.CountingStream Served(HttpContext http) => new(http.Response.Body, metrics.GitBytes);

    public async Task ReceivePackAsync(HttpContext http, string kind, string name)
    {
        var target = await FindAsync(http, kind, name, write: true, createIfMissing: false);
        if (target is null) return;
        var (artifactKind, path) = target.Value;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxPushBytes;

        PreReceiveHook.Install(path);
        var session = sessions.Open(artifactKind, name, http.User.Actor());
        session.Record = audit.Capture("version.published", Audit.AuditTarget.Artifact(artifactKind.Kind, name));
        try
        {
            var environment = Environment(GitProtocol(http));
            environment[PreReceiveHook.UrlVariable] = HookUrl(session);
            environment[PreReceiveHook.SecretVariable] = session.Secret;
            http.Response.ContentType = "application/x-git-receive-pack-result";
            http.Response.Headers.CacheControl = "no-cache";
            await GitProcess.RunAsync(["-c", "receive.fsckObjects=true", "receive-pack", "--stateless-rpc", path], environment, RequestBody(http), http.Response.Body, http.RequestAborted);
            await RecordPushAsync(session, CancellationToken.None);
        }
        finally
        {
            session.PendingRecord?.Dispose();
            sessions.Close(session);
        }
    }

    /// <summary>The pre-receive hook's call: applies the push policy to the quarantined push.</summary>
    public async Task PreReceiveAsync(HttpContext http, string sessionId)
    {
        var secret = http.Request.Headers.Authorization.ToString() is var header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : "";
        var session = sessions.Find(sessionId, secret);
        if (session is null)
        {
            http.Response.StatusCode = 404;
            return;
        }
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var updates = RefUpdate.Parse(await reader.ReadToEndAsync(http.RequestAborted));
        try
        {
            session.WriteScope ??= await repositories.Locks.AcquireAsync(session.Kind.Kind, session.Name, http.RequestAborted);
        }
        catch (ProductException e) when (e.Error == ErrorCode.Unavailable)
        {
            // Another replica is writing the artifact (or cannot be asked): nothing moved; git prints why.
            await Text(http, 503, "GitOpsHQ refused this push:\n  " + e.Message);
            return;
        }
        var objects = new PushedObjects(repositories.PathOf(session.Kind, session.Name),
            http.Request.Headers["X-Git-Object-Directory"].ToString(), http.Request.Headers["X-Git-Alternate-Object-Directories"].ToString());
        var refusals = await policy.CheckAsync(session, updates, objects, http.RequestAborted);
        if (refusals.Count == 0)
        {
            session.AcceptedUpdates.AddRange(updates);
            session.PendingRecord ??= auditJournal.Begin(session.Record! with { Action = "git.pushed" },
                Audit.AuditJournal.Landing.Moves(repositories.PathOf(session.Kind, session.Name),
                    updates.DistinctBy(u => u.Ref).ToDictionary(u => u.Ref, u => u.Creates ? null : u.Old)));
            // Written before git creates the tags: a server that stops in between finishes the record at its next start.
            foreach (var (version, tagObject) in session.AcceptedVersions)
                journal.Begin(session.Kind.Kind, session.Name, version, session.Actor, PublishSource.GitPush, clock.GetUtcNow(), tagObject,
                    session.Record! with
                    {
                        TargetVersion = version,
                        Details = System.Text.Json.JsonSerializer.Serialize(new { tag = tagObject, source = Publication.SourceName(PublishSource.GitPush) }),
                    });
            var published = session.AcceptedVersions.Count == 0 ? "" : $"GitOpsHQ: publishing {session.Name} {string.Join(", ", session.AcceptedVersions.Keys)}\n";
            await Text(http, 200, published);
            return;
        }
        await Text(http, 403, "GitOpsHQ refused this push:\n" + string.Join('\n', refusals.Select(r => "  " + r)));
    }

    /// <summary>After the refs moved: the pusher becomes the publisher of each new version, and the index follows.</summary>
    private async Task RecordPushAsync(ReceiveSession session, CancellationToken ct)
    {
        session.WriteScope ??= await repositories.Locks.AcquireAsync(session.Kind.Kind, session.Name, ct);
        using var repo = repositories.Open(session.Kind, session.Name);
        var now = clock.GetUtcNow();
        var landed = new List<string>();
        foreach (var (version, tagObject) in session.AcceptedVersions)
        {
            // A racing push may have taken the tag: only the tag this push created gets this pusher.
            if (repo.FindTag(version) is { } tag && tag.IsAnnotated && tag.Annotation.Sha == tagObject)
            {
                if (repo.Publication(tag) is null) repo.RecordPublisher(version, session.Actor, PublishSource.GitPush, now);
                landed.Add(version);
            }
        }
        repositories.Reindex(session.Kind, session.Name, repo, session.VersionsBefore is { } before && landed.Count > 0
            ? repositories.VersionIndex.Added(repo, session.Kind.Kind, session.Name, before, landed)
            : null);
        foreach (var version in session.AcceptedVersions.Keys)
        {
            if (landed.Contains(version)) journal.Complete(session.Kind.Kind, session.Name, version);
            else journal.Abandon(session.Kind.Kind, session.Name, version);
        }
        // What the push moved: the updates the check accepted whose refs now point where the push asked.
        var applied = session.AcceptedUpdates.Where(u => repo.RefTarget(u.Ref) == (u.Deletes ? null : u.New)).ToList();
        if (applied.Count > 0)
            session.PendingRecord?.Complete(new { updates = applied.Select(u => new { @ref = u.Ref, old = u.Old, @new = u.New }).ToList() });
        if (session.AcceptedVersions.Count > 0)
            logger.LogInformation("{User} published {Kind}/{Name} {Versions} by git push", session.Actor.Username, session.Kind.Kind, session.Name,
                string.Join(", ", session.AcceptedVersions.Keys));
    }

    private async Task<(ArtifactKind Kind, string Path)?> FindAsync(HttpContext http, string kind, string name, bool write, bool createIfMissing)
    {
        if (!kinds.TryGet(kind, out var artifactKind) || !ArtifactName.IsValid(name))
        {
            await Text(http, 404, $"GitOpsHQ: there is no repository /git/{kind}/{name}.git.");
            return null;
        }
        if (Access.Decide(http.User, write ? Operation.Write : Operation.Read, Resource.Repository($"{kind}/{name}")) is { Allowed: false } refused)
        {
            await Text(http, 403, $"GitOpsHQ: {refused.Reason}.");
            return null;
        }
        if (!repositories.Exists(artifactKind, name))
        {
            if (!createIfMissing || !options.Value.CreateOnPush)
            {
                await Text(http, 404, $"GitOpsHQ: there is no {artifactKind.DisplayName} named '{name}'" +
                                      (createIfMissing ? " (creating artifacts by push is switched off: GitHttp:CreateOnPush)." : "."));
                return null;
            }
            await catalog.EnsureExistsAsync(artifactKind, name, http.User.Actor(), http.RequestAborted);
        }
        return (artifactKind, repositories.PathOf(artifactKind, name));
    }

    private string HookUrl(ReceiveSession session)
    {
        var endpoint = splice.Http2Endpoint?.IPEndPoint ?? throw new InvalidOperationException("The loopback HTTP/2 endpoint is not bound.");
        return $"http://127.0.0.1:{endpoint.Port}/internal/git/pre-receive/{session.Id}";
    }

    private static string? GitProtocol(HttpContext http) =>
        http.Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } value ? value : null;

    private static Dictionary<string, string> Environment(string? protocol)
    {
        var environment = new Dictionary<string, string>();
        if (protocol is not null) environment["GIT_PROTOCOL"] = protocol;
        return environment;
    }

    private static Stream RequestBody(HttpContext http) =>
        http.Request.Headers.ContentEncoding.ToString() is "gzip" or "x-gzip"
            ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
            : http.Request.Body;

    private static async Task Text(HttpContext http, int status, string text)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain; charset=utf-8";
        await http.Response.WriteAsync(text == "" || text.EndsWith('\n') ? text : text + "\n");
    }
}
