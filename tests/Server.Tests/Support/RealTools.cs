using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>
/// The real registry clients (helm, flux, oras, crane) the client tests run: from <c>GITOPSHQ_TOOLS</c>, else from
/// <c>../shared/tools</c> beside the repository. A test needing one that is absent is skipped with the reason.
/// </summary>
public static class RealTools
{
    public static string? Find(string name)
    {
        if (Environment.GetEnvironmentVariable("GITOPSHQ_TOOLS") is { Length: > 0 } folder)
            return File.Exists(Path.Combine(folder, name)) ? Path.Combine(folder, name) : null;
        var tool = Path.Combine(SourceTree.Root, "..", "shared", "tools", name);
        return File.Exists(tool) ? Path.GetFullPath(tool) : null;
    }

    public static string Require(string name) => Find(name) ?? throw new InvalidOperationException(MissingReason(name));

    public static string MissingReason(string name) =>
        $"the real '{name}' client is not installed (looked in $GITOPSHQ_TOOLS, else ../shared/tools beside the repository)";

    /// <summary>
    /// An address of this machine that is not loopback. Helm 3.13 lists OCI tags over HTTPS but downloads from loopback
    /// registries over plain HTTP, so flows that need both (dependency resolution) run against a TLS server on this address.
    /// </summary>
    public static IPAddress? NonLoopbackAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a));
}

/// <summary>A fact that is skipped, with the reason, when one of the real clients it drives is absent.</summary>
public sealed class RealClientFactAttribute : FactAttribute
{
    public RealClientFactAttribute(params string[] tools)
    {
        foreach (var tool in tools)
            if (RealTools.Find(tool) is null)
            {
                Skip = RealTools.MissingReason(tool);
                return;
            }
    }

    /// <summary>The test serves the registry on a non-loopback address; skipped where the machine has none.</summary>
    public bool NeedsNonLoopbackAddress
    {
        get => false;
        set
        {
            if (value && Skip is null && RealTools.NonLoopbackAddress() is null)
                Skip = "this machine has no non-loopback IPv4 address to serve the TLS registry on";
        }
    }
}

/// <summary>One real client with its own configuration folders, so tests never share logins or caches.</summary>
public sealed class RealClient : IDisposable
{
    private readonly string _program;
    private readonly Dictionary<string, string> _environment;

    public RealClient(string name, IReadOnlyDictionary<string, string>? environment = null)
    {
        _program = RealTools.Require(name);
        Home = TempFolder.Create(name);
        _environment = new Dictionary<string, string>
        {
            ["HOME"] = Home,
            ["HELM_CONFIG_HOME"] = Path.Combine(Home, "helm-config"),
            ["HELM_CACHE_HOME"] = Path.Combine(Home, "helm-cache"),
            ["HELM_DATA_HOME"] = Path.Combine(Home, "helm-data"),
            ["DOCKER_CONFIG"] = Path.Combine(Home, "docker"),
            ["XDG_CONFIG_HOME"] = Path.Combine(Home, "config"),
            ["XDG_CACHE_HOME"] = Path.Combine(Home, "cache"),
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) _environment[key] = value;
    }

    /// <summary>A scratch folder of this client's, deleted with it.</summary>
    public string Home { get; }

    public (int Code, string Output, string Error) Run(params string[] args) => Command.Run(_program, args, _environment, Home);

    /// <summary>Runs and requires success; the failure names the command and what it printed. Returns all it printed.</summary>
    public string Ok(params string[] args)
    {
        var (output, error) = Succeeds(args);
        return output + error;
    }

    /// <summary>Runs and requires success; returns standard output alone.</summary>
    public string Stdout(params string[] args) => Succeeds(args).Output;

    private (string Output, string Error) Succeeds(string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code == 0, $"{Path.GetFileName(_program)} {string.Join(' ', args)} exited {code}:\n{output}\n{error}");
        return (output, error);
    }

    /// <summary>Runs and requires failure; returns what the client printed.</summary>
    public string Fails(params string[] args)
    {
        var (code, output, error) = Run(args);
        Assert.True(code != 0, $"{Path.GetFileName(_program)} {string.Join(' ', args)} should have failed:\n{output}\n{error}");
        return output + error;
    }

    public void Dispose() => TempFolder.Delete(Home);
}
