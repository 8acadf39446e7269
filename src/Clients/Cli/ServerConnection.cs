using System.CommandLine;
using GitOpsHQ.Sdk;

namespace GitOpsHQ.Cli;

/// <summary>Where the CLI connects and with which token.</summary>
public static class ServerConnection
{
    public static readonly Option<string> Server = new("--server")
    {
        Description = "Server URL (default: $GITOPSHQ_SERVER or http://127.0.0.1:5080)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("GITOPSHQ_SERVER") ?? "http://127.0.0.1:5080",
    };

    public static readonly Option<string?> Token = new("--token")
    {
        Description = "Personal access token (default: $GITOPSHQ_TOKEN, else ./data/admin-token)",
        Recursive = true,
    };

    public static GitOpsHQClient Connect(ParseResult parse)
    {
        var token = parse.GetValue(Token) ?? Environment.GetEnvironmentVariable("GITOPSHQ_TOKEN");
        if (string.IsNullOrEmpty(token) && File.Exists("data/admin-token")) token = File.ReadAllText("data/admin-token").Trim();
        if (string.IsNullOrEmpty(token))
            throw new InvalidOperationException("No token: pass --token, set GITOPSHQ_TOKEN, or run where ./data/admin-token is.");
        return GitOpsHQClient.Connect(parse.GetValue(Server)!, token);
    }
}
