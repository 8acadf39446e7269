using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// On the first start with an empty data folder: creates the admin user and writes its token once,
/// to <c>DATA/admin-token</c> (mode 0600), and prints it. Later starts print nothing.
/// </summary>
public sealed class AdminBootstrap(UserDirectory users, AccessTokens tokens, DataLayout layout)
{
    public const string AdminUsername = "admin";

    public string? CreateFirstAdmin()
    {
        if (users.Any()) return null;
        users.Create(AdminUsername, "Administrator", null, UserRole.Admin);
        var (_, secret) = tokens.Create(AdminUsername, "initial admin token", 0);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(layout.AdminToken, System.Text.Encoding.ASCII, options))
        {
            writer.Write(secret + "\n");
        }
        return secret;
    }
}
