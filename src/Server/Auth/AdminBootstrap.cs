using System.Security.Cryptography;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

/// <summary>The first admin's credentials, shown once.</summary>
public sealed record FirstAdmin(string Token, string Password);

/// <summary>
/// On the first start with an empty data folder: creates the admin user with a personal access token and a random
/// password, writes them once to <c>DATA/admin-token</c> and <c>DATA/admin-password</c> (mode 0600) and returns them to be
/// printed. Later starts create nothing, nor do replicas that start at the same time as the one that creates it.
/// </summary>
public sealed class AdminBootstrap(UserDirectory users, AccessTokens tokens, Passwords passwords, DataLayout layout)
{
    public const string AdminUsername = "admin";

    /// <summary>Letters and digits without look-alikes (0/O, 1/l/I), so the password can be typed from a screen.</summary>
    private const string PasswordAlphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public FirstAdmin? CreateFirstAdmin()
    {
        if (users.Any()) return null;
        try
        {
            users.Create(AdminUsername, "Administrator", null, UserRole.Admin);
        }
        catch (Errors.ProductException e) when (e.Error == Errors.ErrorCode.NameExists)
        {
            return null; // another replica starting on the same database created it first
        }
        var (_, secret) = tokens.Create(AdminUsername, "initial admin token", 0);
        var password = RandomNumberGenerator.GetString(PasswordAlphabet, 24);
        passwords.Set(AdminUsername, password);
        WriteOwnerOnly(layout.AdminToken, secret);
        WriteOwnerOnly(layout.AdminPassword, password);
        return new FirstAdmin(secret, password);
    }

    private static void WriteOwnerOnly(string path, string secret)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(secret + "\n");
    }
}
