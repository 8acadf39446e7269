using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitOpsHQ.Server.Hosting;

/// <summary>
/// Binds the `--urls` addresses. Cleartext addresses serve HTTP/1.1 (REST, gRPC-Web, OCI, Git) and native gRPC
/// through <see cref="CleartextHttp2Splice"/>; https addresses negotiate HTTP/2 with ALPN.
/// </summary>
public static class ListenEndpoints
{
    /// <param name="commandLineUrls">`--urls` from the command line; else the `urls` setting; else the default.</param>
    public static void AddListenEndpoints(this WebApplicationBuilder builder, string? commandLineUrls)
    {
        var urls = (commandLineUrls ?? (builder.Configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } configured ? configured : ServerApp.DefaultUrl))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, "");
        var splice = new CleartextHttp2Splice();
        builder.Services.AddSingleton(splice);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in urls)
            {
                var (address, port, https) = Parse(url);
                kestrel.Listen(address, port, listen =>
                {
                    if (https)
                    {
                        listen.Protocols = HttpProtocols.Http1AndHttp2;
                        listen.UseHttps();
                        return;
                    }
                    listen.Protocols = HttpProtocols.Http1;
                    listen.Use(splice.Wrap);
                });
            }
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                splice.Http2Endpoint = listen;
            });
        });
    }

    /// <summary>The addresses users reach, without the internal HTTP/2 endpoint.</summary>
    public static IEnumerable<string> PublicAddresses(this WebApplication app)
    {
        var internalPort = app.Services.GetRequiredService<CleartextHttp2Splice>().Http2Endpoint?.IPEndPoint?.Port;
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Where(a => internalPort is null || !a.EndsWith(":" + internalPort, StringComparison.Ordinal));
    }

    private static (IPAddress Address, int Port, bool Https) Parse(string url)
    {
        var normalised = url.Replace("://*", "://0.0.0.0").Replace("://+", "://0.0.0.0");
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"'{url}' is not a valid --urls address; use http://HOST:PORT (for example {ServerApp.DefaultUrl}).");
        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
            : throw new InvalidOperationException($"'{url}': listen on an IP address (127.0.0.1, 0.0.0.0, [::]) or localhost.");
        return (address, uri.Port, uri.Scheme == "https");
    }
}
