using System.Net;
using System.Net.Sockets;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Ports on 127.0.0.1 for the servers and tools the tests start.</summary>
public static class Ports
{
    /// <summary>A port free right now (the operating system's choice).</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
