using System.Security.Cryptography;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

/// <summary>A content digest, <c>sha256:&lt;64 hex&gt;</c> or <c>sha512:&lt;128 hex&gt;</c>.</summary>
public readonly record struct Digest(string Algorithm, string Hex)
{
    public static bool TryParse(string? text, out Digest digest)
    {
        digest = default;
        var colon = text?.IndexOf(':') ?? -1;
        if (colon < 0) return false;
        var (algorithm, hex) = (text![..colon], text[(colon + 1)..]);
        var length = algorithm switch { "sha256" => 64, "sha512" => 128, _ => 0 };
        if (length == 0 || hex.Length != length || !hex.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        digest = new Digest(algorithm, hex);
        return true;
    }

    public static Digest Parse(string? text) =>
        TryParse(text, out var digest)
            ? digest
            : throw new ProductException(ErrorCode.DigestInvalid, $"'{text}' is not a digest: use sha256:<64 hex> or sha512:<128 hex>.");

    public static Digest Sha256(ReadOnlySpan<byte> content) => new("sha256", Convert.ToHexStringLower(SHA256.HashData(content)));

    public IncrementalHash NewHash() => IncrementalHash.CreateHash(Algorithm == "sha512" ? HashAlgorithmName.SHA512 : HashAlgorithmName.SHA256);

    public Digest WithHex(byte[] hash) => this with { Hex = Convert.ToHexStringLower(hash) };

    public override string ToString() => $"{Algorithm}:{Hex}";
}
