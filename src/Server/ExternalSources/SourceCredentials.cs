using System.Security.Cryptography;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using Microsoft.AspNetCore.DataProtection;
using System.Data.Common;

namespace GitOpsHQ.Server.ExternalSources;

public sealed record ConnectionTestResult(bool Success, string Message, DateTimeOffset At);

/// <summary>Credentials for one registry or chart host, as every answer shows them: never the secret.</summary>
public sealed record SourceCredential(string Id, string Host, string Username, bool Insecure, string AuthType, string CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, ConnectionTestResult? LastTest)
{
    public const string Basic = "basic";
    public const string Bearer = "bearer";
}

/// <summary>
/// The organisation's credentials for external registries and chart hosts, one per host. The password or token is
/// encrypted with ASP.NET Core Data Protection (key ring in the data folder) before it reaches the database, is
/// decrypted only to contact its own host, and is never returned or logged.
/// </summary>
public sealed class SourceCredentials(ExternalSourcesSchema schema, IDataProtectionProvider protection, TimeProvider clock, Audit.AuditTrail audit)
{
    private const int MaxSecret = 16 * 1024;
    private readonly IDataProtector _protector = protection.CreateProtector("GitOpsHQ.ExternalSources.Credentials.v1");

    private const string Columns =
        "id, host, username, auth_type, insecure, created_by, created_at, updated_at, last_test_at, last_test_success, last_test_message";

    public SourceCredential Create(string host, string username, string password, bool insecure, string authType, string createdBy)
    {
        host = SourceHost.Normalise(host);
        authType = RequireAuthType(authType);
        RequireFields(username, password);
        var id = "cred_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        using var connection = schema.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command(
            "INSERT INTO source_credentials (id, host, username, secret, auth_type, insecure, created_by, created_at, updated_at) " +
            "VALUES (@id, @host, @username, @secret, @auth, @insecure, @by, @now, @now)",
            ("@id", id), ("@host", host), ("@username", username), ("@secret", Protect(password)), ("@auth", authType),
            ("@insecure", insecure ? 1 : 0), ("@by", createdBy), ("@now", now));
        command.Transaction = transaction;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DbException e) when (Database.IsConstraintViolation(e)) // constraint: the host has one already
        {
            throw Duplicate(host);
        }
        audit.Record(transaction, "credential.created", new Audit.AuditTarget("oci-credential", id), new { host, username, insecure, auth_type = authType });
        transaction.Commit();
        return Get(id);
    }

    public List<SourceCredential> List()
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {Columns} FROM source_credentials ORDER BY host");
        using var reader = command.ExecuteReader();
        var list = new List<SourceCredential>();
        while (reader.Read()) list.Add(Read(reader));
        return list;
    }

    public SourceCredential Get(string id) => Find("id", id) ?? throw new ProductException(ErrorCode.CredentialUnknown, $"There is no OCI credential '{id}'.");

    /// <summary>The credential for a host (any spelling of it), or null.</summary>
    public SourceCredential? ForHost(string host) => Find("host", SourceHost.Normalise(host));

    public SourceCredential Update(string id, string host, string username, string? password, bool insecure, string authType)
    {
        var existing = Get(id);
        host = string.IsNullOrWhiteSpace(host) ? existing.Host : SourceHost.Normalise(host);
        authType = string.IsNullOrEmpty(authType) ? existing.AuthType : RequireAuthType(authType);
        RequireFields(username, password ?? "");
        var sql = "UPDATE source_credentials SET host = @host, username = @username, auth_type = @auth, insecure = @insecure, updated_at = @now" +
                  (string.IsNullOrEmpty(password) ? "" : ", secret = @secret") +
                  (host != existing.Host ? ", last_test_at = NULL, last_test_success = NULL, last_test_message = NULL" : "") + " WHERE id = @id";
        using var connection = schema.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command(sql, ("@id", id), ("@host", host), ("@username", username), ("@auth", authType),
            ("@insecure", insecure ? 1 : 0), ("@now", clock.GetUtcNow().ToUnixTimeMilliseconds()),
            ("@secret", string.IsNullOrEmpty(password) ? null : Protect(password)));
        command.Transaction = transaction;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DbException e) when (Database.IsConstraintViolation(e))
        {
            throw Duplicate(host);
        }
        audit.Record(transaction, "credential.updated", new Audit.AuditTarget("oci-credential", id),
            new { host, username, insecure, auth_type = authType, secret_replaced = !string.IsNullOrEmpty(password) });
        transaction.Commit();
        return Get(id);
    }

    public void Delete(string id)
    {
        using var connection = schema.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command("DELETE FROM source_credentials WHERE id = @id", ("@id", id));
        command.Transaction = transaction;
        if (command.ExecuteNonQuery() == 0) throw new ProductException(ErrorCode.CredentialUnknown, $"There is no OCI credential '{id}'.");
        audit.Record(transaction, "credential.deleted", new Audit.AuditTarget("oci-credential", id));
        transaction.Commit();
    }

    public void RecordTest(string id, ConnectionTestResult result)
    {
        using var connection = schema.Open();
        using var command = connection.Command(
            "UPDATE source_credentials SET last_test_at = @at, last_test_success = @ok, last_test_message = @message WHERE id = @id",
            ("@id", id), ("@at", result.At.ToUnixTimeMilliseconds()), ("@ok", result.Success ? 1 : 0), ("@message", result.Message));
        command.ExecuteNonQuery();
    }

    /// <summary>The decrypted password or token: only for contacting the credential's own host.</summary>
    internal string Secret(SourceCredential credential)
    {
        using var connection = schema.Open();
        using var command = connection.Command("SELECT secret FROM source_credentials WHERE id = @id", ("@id", credential.Id));
        var stored = command.ExecuteScalar() as byte[] ?? throw new ProductException(ErrorCode.CredentialUnknown, $"There is no OCI credential '{credential.Id}'.");
        try
        {
            return System.Text.Encoding.UTF8.GetString(_protector.Unprotect(stored));
        }
        catch (CryptographicException)
        {
            throw new ProductException(ErrorCode.Unavailable,
                $"The password of the credential for {credential.Host} cannot be decrypted (the data folder's key ring changed); set it again.");
        }
    }

    private byte[] Protect(string secret) => _protector.Protect(System.Text.Encoding.UTF8.GetBytes(secret));

    private SourceCredential? Find(string column, string value)
    {
        using var connection = schema.Open();
        using var command = connection.Command($"SELECT {Columns} FROM source_credentials WHERE {column} = @value", ("@value", value));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static SourceCredential Read(DbDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(4) != 0, r.GetString(3), r.GetString(5),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(7)),
        r.IsDBNull(8) ? null : new ConnectionTestResult(r.GetInt64(9) != 0, r.GetString(10), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8))));

    private static string RequireAuthType(string? authType) => (authType ?? "").Trim().ToLowerInvariant() switch
    {
        "" or SourceCredential.Basic => SourceCredential.Basic,
        SourceCredential.Bearer => SourceCredential.Bearer,
        _ => throw new ProductException(ErrorCode.RequestInvalid, $"authType '{authType}' is not known: use \"basic\" or \"bearer\"."),
    };

    private static void RequireFields(string username, string password)
    {
        if (username.Length > 256 || username.Any(char.IsControl))
            throw new ProductException(ErrorCode.RequestInvalid, "The username is at most 256 characters, without control characters.");
        if (username.Contains(':')) throw new ProductException(ErrorCode.RequestInvalid, "A username cannot contain ':' (Basic authentication separates it with one).");
        if (password.Length > MaxSecret || password.Any(c => c is '\r' or '\n'))
            throw new ProductException(ErrorCode.RequestInvalid, $"The password is at most {MaxSecret} characters, on one line.");
    }

    private static ProductException Duplicate(string host) =>
        new(ErrorCode.CredentialExists, $"There is already an OCI credential for {host}: each host has one; update or delete that one.");
}
