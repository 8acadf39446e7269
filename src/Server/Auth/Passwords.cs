using GitOpsHQ.Server.Errors;
using Microsoft.AspNetCore.Identity;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// Users' passwords: at least <see cref="MinLength"/> characters, stored only as ASP.NET Core Identity's salted PBKDF2
/// hash. Setting or changing a password ends the user's other browser sessions.
/// </summary>
public sealed class Passwords(UserDirectory users, BrowserSessions sessions, Audit.AuditTrail audit)
{
    public const int MinLength = 12;

    /// <summary>Longer passwords would only make hashing a way to spend the server's time.</summary>
    public const int MaxLength = 1024;

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Checked when a username is unknown, so a wrong username takes as long as a wrong password.</summary>
    private static readonly Lazy<string> Decoy = new(() => Hasher.HashPassword(null!, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));

    /// <summary>Refuses a password that is too short or too long, naming the field.</summary>
    public static void RequireValid(string? password, string field = "password")
    {
        if (string.IsNullOrEmpty(password))
            throw new ProductException(ErrorCode.RequestInvalid, $"{field} is required: at least {MinLength} characters.");
        if (password.Length < MinLength)
            throw new ProductException(ErrorCode.RequestInvalid, $"{field} is too short: it has {password.Length} characters; passwords have at least {MinLength}.");
        if (password.Length > MaxLength)
            throw new ProductException(ErrorCode.RequestInvalid, $"{field} is too long: passwords have at most {MaxLength} characters.");
    }

    /// <summary>
    /// Sets the user's password (an admin's reset, or the first one at creation) and ends the user's sessions except
    /// <paramref name="keepSession"/>.
    /// </summary>
    public User Set(string username, string password, string? keepSession = null)
    {
        RequireValid(password);
        var user = users.Find(username) ?? throw new ProductException(ErrorCode.UserUnknown, $"There is no user '{username}'.");
        users.SetPasswordHash(user.Username, Hasher.HashPassword(user, password));
        var ended = sessions.EndAll(user.Username, keepSession);
        audit.Record("user.password_set", Audit.AuditTarget.User(user.Username), new { sessions_ended = ended });
        return user with { HasPassword = true };
    }

    /// <summary>The user, when the username exists and the password is theirs; else null.</summary>
    public User? Verify(string username, string password)
    {
        var user = string.IsNullOrEmpty(username) ? null : users.Find(username);
        var hash = user is null ? null : users.PasswordHash(user.Username);
        if (user is null || hash is null || password.Length > MaxLength)
        {
            Hasher.VerifyHashedPassword(null!, Decoy.Value, password.Length > MaxLength ? "" : password);
            return null;
        }
        switch (Hasher.VerifyHashedPassword(user, hash, password))
        {
            case PasswordVerificationResult.SuccessRehashNeeded:
                users.SetPasswordHash(user.Username, Hasher.HashPassword(user, password));
                return user;
            case PasswordVerificationResult.Success:
                return user;
            default:
                return null;
        }
    }

    /// <summary>
    /// The user's own change: the current password must match. Users without a password get their first one from an
    /// admin, so a stolen access token cannot become a password that outlives it.
    /// </summary>
    /// <returns>The user, or null when <paramref name="current"/> is wrong.</returns>
    public User? Change(string username, string current, string next, string? keepSession)
    {
        if (users.PasswordHash(username) is null)
            throw new ProductException(ErrorCode.RequestInvalid,
                $"'{username}' has no password yet: an admin sets the first one (POST /api/v2/users/{username}/password).");
        if (string.IsNullOrEmpty(current)) throw new ProductException(ErrorCode.RequestInvalid, "current_password is required.");
        RequireValid(next, "new_password");
        if (Verify(username, current) is null) return null;
        return Set(username, next, keepSession);
    }
}
