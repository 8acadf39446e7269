using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace GitOpsHQ.GoTemplate.Functions.Sprig.Crypto;

/// <summary>
/// The Master Password algorithm behind <c>derivePassword</c>: a scrypt key from the master password and user
/// name, an HMAC-SHA256 seed from the site name and counter, and a password drawn from the type's templates.
/// </summary>
internal static class MasterPassword
{
    private const string Scope = "com.lyndir.masterpassword";

    private static readonly Dictionary<string, string[]> Templates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] =
        [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static readonly Dictionary<char, string> Characters = new()
    {
        ['V'] = "AEIOU",
        ['C'] = "BCDFGHJKLMNPQRSTVWXYZ",
        ['v'] = "aeiou",
        ['c'] = "bcdfghjklmnpqrstvwxyz",
        ['A'] = "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        ['a'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        ['n'] = "0123456789",
        ['o'] = "@&%?,=[]_:-+*$#!'^~;()/.",
        ['x'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    /// <summary>The site password, or Sprig's message for an unknown password type.</summary>
    public static string Derive(uint counter, string passwordType, string password, string user, string site)
    {
        if (!Templates.TryGetValue(passwordType, out var templates))
        {
            return "cannot find password template " + passwordType;
        }
        var key = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), Scoped(user, null), 32768, 8, 2, 64);
        var seed = HMACSHA256.HashData(key, Scoped(site, counter));
        var template = templates[seed[0] % templates.Length];
        var result = new StringBuilder(template.Length);
        for (var i = 0; i < template.Length; i++)
        {
            var characters = Characters[template[i]];
            result.Append(characters[seed[i + 1] % characters.Length]);
        }
        return result.ToString();
    }

    // The scope, the name's byte length (big-endian), the name, and optionally the counter (big-endian).
    private static byte[] Scoped(string name, uint? counter)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var buffer = new List<byte>(Encoding.ASCII.GetBytes(Scope));
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)bytes.Length);
        buffer.AddRange(number.ToArray());
        buffer.AddRange(bytes);
        if (counter is { } c)
        {
            BinaryPrimitives.WriteUInt32BigEndian(number, c);
            buffer.AddRange(number.ToArray());
        }
        return [.. buffer];
    }
}
