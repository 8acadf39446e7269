using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

/// <summary>What a registry token may do: pull (read, clone), push, or both.</summary>
[Flags]
public enum RegistryScope
{
    None = 0,
    Pull = 1,
    Push = 2,
}

public sealed record RegistryToken(string Id, string Name, RegistryScope Scope, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool Revoked)
{
    public static string ScopeName(RegistryScope scope) => scope switch
    {
        RegistryScope.Pull => "pull",
        RegistryScope.Push => "push",
        _ => "pull+push",
    };

    public static RegistryScope ParseScope(string? scope) => scope switch
    {
        "pull" => RegistryScope.Pull,
        "push" => RegistryScope.Push,
        "pull+push" or "push+pull" => RegistryScope.Pull | RegistryScope.Push,
        _ => throw new ProductException(ErrorCode.RequestInvalid, $"'{scope}' is not a registry token scope: use pull, push or pull+push."),
    };
}

/// <summary>
/// Org registry tokens (<c>gqr_&lt;id&gt;_&lt;secret&gt;</c>) for the OCI registry and Git: managed by admins, shown once, stored
/// as hashes. They act for the admin who created them, within their scope.
/// </summary>
public sealed class RegistryTokens(Database database, TokenUsage usage, TimeProvider clock, Audit.AuditTrail audit)
{
    public const string Prefix = "gqr_";
    private const string Columns = "id, name, scope, created_by, created_at, expires_at, last_used_at, revoked_at";

    public (RegistryToken Token, string Secret) Create(string name, string scope, int expiresInDays, string createdBy)
    {
        TokenSecret.RequireValidRequest(name, expiresInDays, "registry token");
        var parsed = RegistryToken.ParseScope(scope);
        var (id, secret, presented) = TokenSecret.Generate(Prefix);
        var now = clock.GetUtcNow();
        DateTimeOffset? expires = expiresInDays == 0 ? null : now.AddDays(expiresInDays);
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command(
            "INSERT INTO registry_tokens (id, name, scope, hash, created_by, created_at, expires_at) VALUES (@id, @n, @s, @h, @u, @c, @e)",
            ("@id", id), ("@n", name.Trim()), ("@s", RegistryToken.ScopeName(parsed)), ("@h", TokenSecret.Hash(secret)), ("@u", createdBy),
            ("@c", now.ToUnixTimeSeconds()), ("@e", expires?.ToUnixTimeSeconds()));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
        audit.Record(transaction, "registry_token.created", new Audit.AuditTarget("registry-token", id),
            new { name = name.Trim(), scope = RegistryToken.ScopeName(parsed), expires_at = expires });
        transaction.Commit();
        return (new RegistryToken(id, name.Trim(), parsed, createdBy, now, expires, null, false), presented);
    }

    public RegistryToken? Authenticate(string presented)
    {
        var token = TokenSecret.Verify(database, "registry_tokens", Columns, Prefix, presented, Read);
        var now = clock.GetUtcNow();
        if (token is null || token.Revoked || token.ExpiresAt <= now) return null;
        usage.Record(Prefix + token.Id, now);
        return token;
    }

    public List<RegistryToken> List()
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Columns} FROM registry_tokens ORDER BY created_at, id");
        using var reader = command.ExecuteReader();
        var tokens = new List<RegistryToken>();
        while (reader.Read())
        {
            var token = Read(reader);
            tokens.Add(usage.LastUsed(Prefix + token.Id) is { } seen ? token with { LastUsedAt = seen } : token);
        }
        return tokens;
    }

    public RegistryToken Revoke(string id)
    {
        var token = List().FirstOrDefault(t => t.Id == id) ?? throw new ProductException(ErrorCode.TokenUnknown, $"There is no registry token '{id}'.");
        using (var connection = database.Open())
        using (var transaction = connection.BeginWrite())
        {
            using var command = connection.Command("UPDATE registry_tokens SET revoked_at = @now WHERE id = @id AND revoked_at IS NULL",
                ("@id", id), ("@now", clock.GetUtcNow().ToUnixTimeSeconds()));
            command.Transaction = transaction;
            if (command.ExecuteNonQuery() > 0)
                audit.Record(transaction, "registry_token.revoked", new Audit.AuditTarget("registry-token", id), new { name = token.Name, scope = RegistryToken.ScopeName(token.Scope) });
            transaction.Commit();
        }
        return token with { Revoked = true };
    }

    private static RegistryToken Read(System.Data.Common.DbDataReader r) => new(
        r.GetString(0), r.GetString(1), RegistryToken.ParseScope(r.GetString(2)), r.GetString(3), DateTimeOffset.FromUnixTimeSeconds(r.GetInt64(4)),
        r.NullableInt64(5) is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
        r.NullableInt64(6) is { } u ? DateTimeOffset.FromUnixTimeSeconds(u) : null,
        !r.IsDBNull(7));
}
