namespace GitOpsHQ.Server.Auth;

/// <summary>What a user may do; each role includes the ones below it.</summary>
public enum UserRole
{
    /// <summary>Reads the catalog.</summary>
    Viewer = 1,

    /// <summary>Edits artifacts and publishes versions.</summary>
    Editor = 2,

    /// <summary>Org settings and users.</summary>
    Admin = 3,
}

/// <param name="HasPassword">Whether the user can sign in with a password (else with a personal access token only).</param>
public sealed record User(string Username, string Name, string Email, UserRole Role, DateTimeOffset CreatedAt, bool HasPassword = false);
