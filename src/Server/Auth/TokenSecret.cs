using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// The shape of every token the server issues: <c>&lt;prefix&gt;&lt;id&gt;_&lt;secret&gt;</c>. The id finds the record; only a
/// SHA-256 hash of the secret is stored, compared in constant time.
/// </summary>
public static class TokenSecret
{
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
}
