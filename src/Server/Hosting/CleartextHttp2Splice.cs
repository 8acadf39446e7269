using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitOpsHQ.Server.Hosting;

/// <summary>
/// One cleartext port for REST, gRPC-Web and native gRPC. Without TLS there is no ALPN, so Kestrel serves an
/// HTTP/1.1-and-HTTP/2 endpoint as HTTP/1.1 only. This connection middleware reads the first bytes of each
/// connection: a client speaking HTTP/2 with prior knowledge (native gRPC) starts with the RFC 9113 preface and
/// is spliced to an HTTP/2-only endpoint on the loopback interface; everything else continues as HTTP/1.1.
/// </summary>
public sealed class CleartextHttp2Splice
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>The loopback HTTP/2-only endpoint, bound at start (its port is known only then).</summary>
    public ListenOptions? Http2Endpoint { get; set; }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        if (await StartsWithPrefaceAsync(connection.Transport.Input, connection.ConnectionClosed))
            await SpliceAsync(connection);
        else
            await next(connection);
    };

    /// <summary>Looks at the first bytes without consuming them: whoever reads next sees them all.</summary>
    private static async Task<bool> StartsWithPrefaceAsync(PipeReader input, CancellationToken ct)
    {
        while (true)
        {
            var result = await input.ReadAsync(ct);
            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var head = buffer.Slice(0, length).ToArray();
            var matches = head.AsSpan().SequenceEqual(Preface.AsSpan(0, length));
            if (!matches || length == Preface.Length || result.IsCompleted || result.IsCanceled)
            {
                input.AdvanceTo(buffer.Start);
                return matches && length == Preface.Length;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private async Task SpliceAsync(ConnectionContext connection)
    {
        var endpoint = Http2Endpoint?.IPEndPoint ?? throw new InvalidOperationException("The HTTP/2 endpoint is not bound.");
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), connection.ConnectionClosed);
        await using var upstream = new NetworkStream(socket, ownsSocket: false);

        var toServer = Pump(async () =>
        {
            await connection.Transport.Input.CopyToAsync(upstream, connection.ConnectionClosed);
            socket.Shutdown(SocketShutdown.Send);
        });
        var toClient = Pump(async () =>
        {
            await upstream.CopyToAsync(connection.Transport.Output, connection.ConnectionClosed);
            await connection.Transport.Output.CompleteAsync();
        });
        await Task.WhenAny(toServer, toClient);
        if (!toClient.IsCompleted) await toClient;
        connection.Abort();
    }

    /// <summary>A closed peer ends the splice; it is not an error.</summary>
    private static async Task Pump(Func<Task> copy)
    {
        try
        {
            await copy();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or ConnectionResetException)
        {
        }
    }
}
