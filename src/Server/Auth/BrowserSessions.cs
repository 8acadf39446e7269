using System.Security.Cryptography;
using System.Text;
using GitOpsHQ.Server.Storage;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.Auth;

/// <summary>A signed-in browser: whose it is, and until when it lasts.</summary>
/// <param name="TokenId">The personal access token it was signed in with (the session ends with it), or null for a password.</param>
/// <param name="EndsAt">The absolute end: sign-in plus Sessions:AbsoluteTimeout, or the token's expiry if sooner.</param>
public sealed record BrowserSession(string Id, string Username, string? TokenId, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset EndsAt)
{
    /// <summary>When it ends unless used again: the idle timeout from its last use, or its absolute end.</summary>
    public DateTimeOffset ExpiresAt(TimeSpan idleTimeout) => LastSeenAt + idleTimeout < EndsAt ? LastSeenAt + idleTimeout : EndsAt;
}

/// <summary>
/// Server-side browser sessions. The cookie holds <c>gqs_&lt;id&gt;_&lt;secret&gt;</c>; only a SHA-256 hash of the secret is
/// stored. A session ends when it is idle for Sessions:IdleTimeout, at its absolute end, on sign-out, when the user's
/// password changes, and when the access token it was signed in with is revoked or expires. The CSRF token is derived
/// from the secret (HMAC), so it is never stored and cannot be turned back into the cookie.
/// </summary>
public sealed class BrowserSessions(Database database, AccessTokens tokens, IOptions<BrowserSessionOptions> options, TimeProvider clock)
{
    private const string Prefix = "gqs_";
    private const string Columns = "id, username, token_id, created_at, last_seen_at, ends_at";

    /// <summary>Last use is written at most this often, so requests seldom cost a database write.</summary>
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private BrowserSessionOptions Options => options.Value;

    public TimeSpan IdleTimeout => Options.IdleTimeout;

    /// <summary>Starts a session for the user and returns it with the cookie value (shown to the browser only).</summary>
    public (BrowserSession Session, string Cookie) Start(string username, AccessToken? signedInWith)
    {
        var now = Seconds(clock.GetUtcNow());
        var ends = now + Options.AbsoluteTimeout;
        if (signedInWith?.ExpiresAt is { } tokenExpiry && tokenExpiry < ends) ends = Seconds(tokenExpiry);
        var (id, secret, cookie) = TokenSecret.Generate(Prefix);
        using var connection = database.Open();
        using (var expired = connection.Command("DELETE FROM sessions WHERE ends_at <= @now OR last_seen_at <= @idle",
                   ("@now", now.ToUnixTimeSeconds()), ("@idle", (now - Options.IdleTimeout).ToUnixTimeSeconds())))
            expired.ExecuteNonQuery();
        using var insert = connection.Command(
            $"INSERT INTO sessions ({Columns}, hash) VALUES (@id, @u, @t, @now, @now, @ends, @h)",
            ("@id", id), ("@u", username), ("@t", signedInWith?.Id), ("@now", now.ToUnixTimeSeconds()), ("@ends", ends.ToUnixTimeSeconds()),
            ("@h", TokenSecret.Hash(secret)));
        insert.ExecuteNonQuery();
        return (new BrowserSession(id, username, signedInWith?.Id, now, now, ends), cookie);
    }

    /// <summary>The live session a cookie names, its use recorded; null (and an ended session removed) otherwise.</summary>
    public BrowserSession? Authenticate(string cookie)
    {
        var session = TokenSecret.Verify(database, "sessions", Columns, Prefix, cookie, Read);
        if (session is null) return null;
        var now = clock.GetUtcNow();
        if (session.ExpiresAt(Options.IdleTimeout) <= now || !TokenStillValid(session, now))
        {
            Delete(session.Id);
            return null;
        }
        if (now - session.LastSeenAt >= TouchInterval)
        {
            using var connection = database.Open();
            using var touch = connection.Command("UPDATE sessions SET last_seen_at = @now WHERE id = @id", ("@id", session.Id), ("@now", now.ToUnixTimeSeconds()));
            touch.ExecuteNonQuery();
            session = session with { LastSeenAt = Seconds(now) };
        }
        return session;
    }

    /// <summary>A session signed in with a token lasts only while the token is valid.</summary>
    private bool TokenStillValid(BrowserSession session, DateTimeOffset now) =>
        session.TokenId is null || tokens.Find(session.TokenId) is { Revoked: false } token && !(token.ExpiresAt <= now);

    /// <summary>Ends the session a cookie names (nothing when it names none).</summary>
    public void End(string cookie)
    {
        if (TokenSecret.Verify(database, "sessions", Columns, Prefix, cookie, Read) is { } session) Delete(session.Id);
    }

    /// <summary>Ends every session of the user except <paramref name="keep"/> (the caller's own, when they change their password).</summary>
    public int EndAll(string username, string? keep = null)
    {
        using var connection = database.Open();
        using var command = connection.Command("DELETE FROM sessions WHERE username = @u AND id IS DISTINCT FROM @keep", ("@u", username), ("@keep", keep));
        return command.ExecuteNonQuery();
    }

    /// <summary>The CSRF token of the session a cookie holds: derived from its secret, the same for the session's whole life.</summary>
    public static string CsrfToken(string cookie)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(cookie), "gitopshq csrf token"u8);
        return Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Compares a presented CSRF token with the session's in constant time.</summary>
    public static bool CsrfTokenMatches(string cookie, string? presented) =>
        !string.IsNullOrEmpty(presented) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(CsrfToken(cookie)), Encoding.UTF8.GetBytes(presented));

    /// <summary>Times as stored: whole seconds.</summary>
    private static DateTimeOffset Seconds(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds());

    private void Delete(string id)
    {
        using var connection = database.Open();
        using var command = connection.Command("DELETE FROM sessions WHERE id = @id", ("@id", id));
        command.ExecuteNonQuery();
    }

    private static BrowserSession Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3)),
        DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4)), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(5)));
}
