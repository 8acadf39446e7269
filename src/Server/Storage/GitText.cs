using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Storage;

/// <summary>
/// Text a person gives that Git stores in an object's message (commit messages, release notes): Git objects cannot hold
/// a NUL byte, so such text is refused before anything is written, with a message that says why.
/// </summary>
public static class GitText
{
    public static string? Require(string? text, string what) =>
        text is not null && text.Contains('\0')
            ? throw new ProductException(ErrorCode.RequestInvalid, $"The {what} contains a NUL character (\\0), which Git cannot store.")
            : text;
}
