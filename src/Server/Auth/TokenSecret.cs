using System.Security.Cryptography;
using System.Text;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// The shape of every token the server issues: <c>&lt;prefix&gt;&lt;id&gt;_&lt;secret&gt;</c>. The id finds the record; only a
/// SHA-256 hash of the secret is stored, compared in constant time.
/// </summary>
public static class TokenSecret
{
    /// <summary>The rules every token request follows: a name saying what it is for, and at most ten years to live.</summary>
    public static void RequireValidRequest(string name, int expiresInDays, string what)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
            throw new Errors.ProductException(Errors.ErrorCode.RequestInvalid, $"A {what} needs a name of 1 to 100 characters (what it is for).");
        if (expiresInDays is < 0 or > 3650)
            throw new Errors.ProductException(Errors.ErrorCode.RequestInvalid, "expires_in_days must be between 0 (never) and 3650.");
    }

    public static (string Id, string Secret, string Presented) Generate(string prefix)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (id, secret, $"{prefix}{id}_{secret}");
    }

    public static bool TryParse(string presented, string prefix, out string id, out string secret)
    {
        id = secret = "";
        if (!presented.StartsWith(prefix, StringComparison.Ordinal)) return false;
        var parts = presented[prefix.Length..].Split('_', 2);
        if (parts.Length != 2 || parts[0].Length != 12) return false;
        (id, secret) = (parts[0], parts[1]);
        return true;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(byte[] storedHash, string secret) => CryptographicOperations.FixedTimeEquals(storedHash, Hash(secret));

    /// <summary>
    /// The record a presented token names (<paramref name="table"/> row by id), when its secret matches the stored hash.
    /// Revocation and expiry are the caller's to check.
    /// </summary>
    public static T? Verify<T>(Storage.Database database, string table, string columns, string prefix, string presented,
        Func<System.Data.Common.DbDataReader, T> read) where T : class
    {
        if (!TryParse(presented, prefix, out var id, out var secret)) return null;
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {columns}, hash FROM {table} WHERE id = @id", ("@id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read()) return null;
        var record = read(reader);
        return Matches((byte[])reader.GetValue(reader.FieldCount - 1), secret) ? record : null;
    }
}
