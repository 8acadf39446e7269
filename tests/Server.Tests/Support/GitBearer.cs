namespace GitOpsHQ.Server.Tests.Support;

/// <summary>The environment in which git (and kubectl kustomize's git) reaches the server with a bearer token, in an isolated HOME.</summary>
public static class GitBearer
{
    public static Dictionary<string, string> Environment(string home, string token) => new()
    {
        ["HOME"] = home,
        ["GIT_TERMINAL_PROMPT"] = "0",
        ["GIT_CONFIG_COUNT"] = "1",
        ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
        ["GIT_CONFIG_VALUE_0"] = "Authorization: Bearer " + token,
    };
}
