namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Debian's skopeo, as an independent OCI client.</summary>
public static class Skopeo
{
    public static (int Code, string Output, string Error) Run(params string[] args) =>
        Command.Run("skopeo", args, new Dictionary<string, string> { ["HOME"] = Path.GetTempPath() });

    public static string Host(TestServer server) => new Uri(server.Url).Authority;
}
