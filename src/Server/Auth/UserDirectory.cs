using System.Text.RegularExpressions;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Storage;
using System.Data.Common;

namespace GitOpsHQ.Server.Auth;

/// <summary>The org's users and their roles.</summary>
public sealed partial class UserDirectory(Database database, TimeProvider clock, Audit.AuditTrail audit)
{
    private const string Columns = "username, name, email, role, created_at";
    private const string Selected = Columns + ", EXISTS (SELECT 1 FROM passwords WHERE passwords.username = users.username)";

    [GeneratedRegex("^[a-z0-9]([a-z0-9._-]{0,38}[a-z0-9])?$")]
    private static partial Regex UsernamePattern();

    public User Create(string username, string? name, string? email, UserRole role)
    {
        if (!UsernamePattern().IsMatch(username ?? ""))
            throw new ProductException(ErrorCode.NameInvalid, $"'{username}' is not a valid username: 1 to 40 characters of a-z, 0-9, '.', '_' and '-', starting and ending with a letter or digit.");
        if (!Enum.IsDefined(role)) throw new ProductException(ErrorCode.RequestInvalid, "role must be VIEWER, EDITOR or ADMIN.");
        var user = new User(username!, string.IsNullOrWhiteSpace(name) ? username! : name.Trim(),
            string.IsNullOrWhiteSpace(email) ? $"{username}@users.noreply.gitopshq" : email.Trim(), role, clock.GetUtcNow());
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command($"INSERT INTO users ({Columns}) VALUES (@u, @n, @e, @r, @c)",
            ("@u", user.Username), ("@n", user.Name), ("@e", user.Email), ("@r", (int)user.Role), ("@c", user.CreatedAt.ToUnixTimeSeconds()));
        command.Transaction = transaction;
        try
        {
            command.ExecuteNonQuery();
        }
        catch (DbException e) when (Database.IsConstraintViolation(e))
        {
            throw new ProductException(ErrorCode.NameExists, $"A user named '{username}' or with the email '{user.Email}' already exists.");
        }
        audit.Record(transaction, "user.created", Audit.AuditTarget.User(user.Username), new { name = user.Name, email = user.Email, role = user.Role.ToString().ToLowerInvariant() });
        transaction.Commit();
        return user;
    }

    public User Update(string username, string? name, string? email, UserRole? role)
    {
        var user = Find(username) ?? throw new ProductException(ErrorCode.UserUnknown, $"There is no user '{username}'.");
        var updated = user with
        {
            Name = string.IsNullOrWhiteSpace(name) ? user.Name : name.Trim(),
            Email = string.IsNullOrWhiteSpace(email) ? user.Email : email.Trim(),
            Role = role ?? user.Role,
        };
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        using var command = connection.Command("UPDATE users SET name = @n, email = @e, role = @r WHERE username = @u",
            ("@u", username), ("@n", updated.Name), ("@e", updated.Email), ("@r", (int)updated.Role));
        command.Transaction = transaction;
        command.ExecuteNonQuery();
        var changes = new Dictionary<string, object>();
        if (updated.Name != user.Name) changes["name"] = new { from = user.Name, to = updated.Name };
        if (updated.Email != user.Email) changes["email"] = new { from = user.Email, to = updated.Email };
        if (updated.Role != user.Role) changes["role"] = new { from = user.Role.ToString().ToLowerInvariant(), to = updated.Role.ToString().ToLowerInvariant() };
        if (changes.Count > 0) audit.Record(transaction, changes.ContainsKey("role") ? "user.role_changed" : "user.updated", Audit.AuditTarget.User(username), changes);
        transaction.Commit();
        return updated;
    }

    public User? Find(string username) => Query("WHERE username = @v", username).FirstOrDefault();

    /// <summary>The stored hash of the user's password, or null when they have none.</summary>
    public string? PasswordHash(string username)
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT hash FROM passwords WHERE username = @u", ("@u", username));
        return command.ExecuteScalar() as string;
    }

    /// <summary>Stores the hash of the user's (new) password. Callers hash and check it (<see cref="Passwords"/>).</summary>
    public void SetPasswordHash(string username, string hash)
    {
        using var connection = database.Open();
        using var command = connection.Command(
            "INSERT INTO passwords (username, hash, changed_at) VALUES (@u, @h, @t) ON CONFLICT (username) DO UPDATE SET hash = @h, changed_at = @t",
            ("@u", username), ("@h", hash), ("@t", clock.GetUtcNow().ToUnixTimeSeconds()));
        command.ExecuteNonQuery();
    }

    public User? FindByEmail(string email) => Query("WHERE email = @v", email).FirstOrDefault();

    public List<User> List() => Query("ORDER BY username", null);

    public bool Any()
    {
        using var connection = database.Open();
        using var command = connection.Command("SELECT EXISTS (SELECT 1 FROM users)");
        return Convert.ToInt64(command.ExecuteScalar()) == 1;
    }

    private List<User> Query(string clause, string? value)
    {
        using var connection = database.Open();
        using var command = connection.Command($"SELECT {Selected} FROM users {clause}", ("@v", value));
        using var reader = command.ExecuteReader();
        var users = new List<User>();
        while (reader.Read())
            users.Add(new User(reader.GetString(0), reader.GetString(1), reader.GetString(2), (UserRole)reader.GetInt32(3),
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(4)), reader.GetBoolean(5)));
        return users;
    }
}
