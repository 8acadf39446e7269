using System.Text;

namespace GitOpsHQ.Server.GitHttp;

/// <summary>
/// The pre-receive hook every artifact repository carries: it hands the pushed ref updates and the quarantined
/// objects' location to the server, which applies the catalog's rules; a refusal's text is what `git push` shows.
/// </summary>
public static class PreReceiveHook
{
    public const string UrlVariable = "GITOPSHQ_HOOK_URL";
    public const string SecretVariable = "GITOPSHQ_HOOK_SECRET";

    private const string Script = """
        #!/bin/sh
        # GitOpsHQ: the server checks every push against the catalog's rules before any ref moves.
        if [ -z "$GITOPSHQ_HOOK_URL" ]; then
          echo "GitOpsHQ: push through the GitOpsHQ server; this repository does not accept pushes any other way." >&2
          exit 1
        fi
        reply=$(curl --silent --fail-with-body --http2-prior-knowledge --noproxy '*' \
          -H "Authorization: Bearer $GITOPSHQ_HOOK_SECRET" \
          -H "X-Git-Object-Directory: $GIT_OBJECT_DIRECTORY" \
          -H "X-Git-Alternate-Object-Directories: $GIT_ALTERNATE_OBJECT_DIRECTORIES" \
          -H "Content-Type: text/plain" \
          --data-binary @- "$GITOPSHQ_HOOK_URL")
        code=$?
        [ -n "$reply" ] && printf '%s\n' "$reply"
        if [ $code -ne 0 ] && [ $code -ne 22 ]; then
          echo "GitOpsHQ: the server could not check this push (curl exit $code); nothing was changed." >&2
        fi
        exit $code

        """;

    /// <summary>Writes the hook into the repository if it is missing or differs.</summary>
    public static void Install(string repositoryPath)
    {
        var hooks = Path.Combine(repositoryPath, "hooks");
        Directory.CreateDirectory(hooks);
        var hook = Path.Combine(hooks, "pre-receive");
        var content = Script.Replace("\r\n", "\n");
        if (File.Exists(hook) && File.ReadAllText(hook, Encoding.UTF8) == content) return;
        var staging = hook + ".new";
        File.WriteAllText(staging, content, new UTF8Encoding(false));
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(staging, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                                          UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.Move(staging, hook, overwrite: true);
    }
}
