using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// Sprig's <c>encryptAES</c>/<c>decryptAES</c> format: AES-256-CBC with the password's bytes as the key (cut or
/// zero-padded to 32), PKCS#7 padding, and base64 of the random IV followed by the ciphertext.
/// </summary>
internal static class AesText
{
    private const int BlockSize = 16;

    public static string Encrypt(string password, string plaintext)
    {
        if (plaintext.Length == 0)
        {
            return "";
        }
        using var aes = Create(password);
        var iv = RandomNumberGenerator.GetBytes(BlockSize);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String([.. iv, .. cipher]);
    }

    /// <summary>Decrypts as Sprig does, failing with Go's texts where Go's code fails on malformed input.</summary>
    public static string Decrypt(string password, string encoded)
    {
        if (encoded.Length == 0)
        {
            return "";
        }
        if (GoBase64.Decode(encoded, out var data) is { } error)
        {
            throw new FunctionException(error);
        }
        if (data.Length < BlockSize)
        {
            var capacity = Encoding.UTF8.GetByteCount(encoded) / 4 * 3;
            throw new FunctionException($"runtime error: slice bounds out of range [:{BlockSize}] with capacity {capacity}");
        }
        var body = data.AsSpan(BlockSize);
        if (body.Length % BlockSize != 0)
        {
            throw new FunctionException("crypto/cipher: input not full blocks");
        }
        using var aes = Create(password);
        var plain = aes.DecryptCbc(body, data.AsSpan(0, BlockSize), PaddingMode.None);
        if (plain.Length == 0)
        {
            throw new FunctionException("runtime error: index out of range [-1]");
        }
        var end = plain.Length - plain[^1];
        if (end < 0)
        {
            throw new FunctionException($"runtime error: slice bounds out of range [:{end}]");
        }
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    private static Aes Create(string password)
    {
        var key = new byte[32];
        var bytes = Encoding.UTF8.GetBytes(password);
        bytes.AsSpan(0, Math.Min(32, bytes.Length)).CopyTo(key);
        var aes = Aes.Create();
        aes.Key = key;
        return aes;
    }
}
