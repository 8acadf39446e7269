using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

public sealed record AccessToken(string Id, string Name, string Username, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, bool Revoked);

/// <summary>
/// Personal access tokens: <c>gqp_&lt;id&gt;_&lt;secret&gt;</c>. Only a SHA-256 hash of the secret is stored; the
/// secret is returned once at creation and compared in constant time.
/// </summary>
public sealed class AccessTokens(Database database, TokenUsage usage, TimeProvider clock, Audit.AuditTrail audit)
{
    private const string Prefix = "gqp_";
    private const string Columns = "id, name, username, created_at, expires_at, last_used_at, revoked_at";

    public (AccessToken Token, string Secret) Create(string username, string name, int expiresInDays)
    {
        TokenSecret.RequireValidRequest(name, expiresInDays, "token");
        var (id, secret, presented) = TokenSecret.Generate(Prefix);
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = expiresInDays == 0 ? null : now.AddDays(expiresInDays);
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command(
            "INSERT INTO access_tokens (id, username, name, hash, created_at, expires_at) VALUES (@id, @u, @n, @h, @c, @e)",
            ("@id", id), ("@u", username), ("@n", name.Trim()), ("@h", TokenSecret.Hash(secret)), ("@c", now.ToUnixTimeSeconds()),
            ("@e", expires?.ToUnixTimeSeconds()));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
        audit.Record(transaction, "token.created", new Audit.AuditTarget("access-token", id), new { owner = username, name = name.Trim(), expires_at = expires });
        transaction.Commit();
        return (new AccessToken(id, name.Trim(), username, now, expires, null, false), presented);
    }

    /// <summary>The token a presented value belongs to, if it is well-formed, matches, and is neither revoked nor expired.</summary>
    public AccessToken? Authenticate(string presented)
    {
        var token = TokenSecret.Verify(database, "access_tokens", Columns, Prefix, presented, Read);
        var now = clock.GetUtcNow();
        if (token is null || token.Revoked || token.ExpiresAt <= now) return null;
        usage.Record(token.Id, now);
        return token;
    }

    public List<AccessToken> List(string username)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM access_tokens WHERE username = @u ORDER BY created_at, id", ("@u", username));
        using var reader = command.ExecuteReader();
        var tokens = new List<AccessToken>();
        while (reader.Read())
        {
            var token = Read(reader);
            tokens.Add(usage.LastUsed(token.Id) is { } seen ? token with { LastUsedAt = seen } : token);
        }
        return tokens;
    }

    public AccessToken? Find(string id)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM access_tokens WHERE id = @id", ("@id", id));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    public AccessToken Revoke(string id)
    {
        var token = Find(id) ?? throw new ProductException(ErrorCode.TokenUnknown, $"There is no token '{id}'.");
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command("UPDATE access_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
            ("@id", id), ("@now", clock.GetUtcNow().ToUnixTimeSeconds()));
        command.Transaction = transaction;
        if (command.ExecuteNonQuery() > 0) audit.Record(transaction, "token.revoked", new Audit.AuditTarget("access-token", id), new { owner = token.Username, name = token.Name });
        transaction.Commit();
        return token with { Revoked = true };
    }

    private static AccessToken Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(3)),
        r.NullableInt64(4) is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
        r.NullableInt64(5) is { } u ? DateTimeOffset.FromUnixTimeSeconds(u) : null,
        !r.IsDBNull(6));
}
