using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>A request the server will not make, and why.</summary>
public sealed class OutboundRefusedException(string message) : IOException(message);

/// <summary>
/// The one rule for every request the server makes to an address a user typed (chart sources, credential tests,
/// kustomize remote bases): only https, plain http to hosts explicitly allowed, and oci (spoken over those two); the
/// address every connection goes to — for each request and each redirect, checked when the connection is made, so a
/// name cannot resolve one way for the check and another for the request — must not be loopback, link-local (the cloud
/// metadata address 169.254.169.254 among them), private, shared or unspecified, unless the host is listed in
/// <see cref="ExternalSourcesOptions.AllowedHosts"/>.
/// </summary>
public sealed class OutboundPolicy(IOptionsMonitor<ExternalSourcesOptions> options)
{
    public const int MaxRedirects = 5;

    /// <summary>Listed in ExternalSources:AllowedHosts, as "host" (any port) or "host:port".</summary>
    public bool IsAllowedHost(string host, int port)
    {
        host = host.Trim('[', ']');
        foreach (var entry in options.CurrentValue.AllowedHosts)
        {
            var text = entry.Trim().ToLowerInvariant();
            if (text.Length == 0) continue;
            var (name, entryPort) = SourceHost.Split(text);
            if (!string.Equals(name.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase)) continue;
            if (entryPort is null || entryPort == port.ToString()) return true;
        }
        return false;
    }

    /// <summary>Refuses a scheme the server does not fetch; plain HTTP only where <paramref name="plainHttpAllowed"/> or the host is allowed.</summary>
    public void CheckScheme(Uri uri, bool plainHttpAllowed)
    {
        if (uri.Scheme == Uri.UriSchemeHttps) return;
        if (uri.Scheme == Uri.UriSchemeHttp)
        {
            if (plainHttpAllowed || IsAllowedHost(uri.Host, uri.Port)) return;
            throw new OutboundRefusedException(
                $"{uri.GetLeftPart(UriPartial.Authority)} would be reached over plain HTTP, which is allowed only for hosts marked insecure " +
                "(an OCI credential with \"insecure\": true) or listed in ExternalSources:AllowedHosts; use https.");
        }
        throw new OutboundRefusedException($"'{uri.Scheme}://' addresses are not fetched: only https, http (allowed hosts) and oci are.");
    }

    /// <summary>The addresses of <paramref name="host"/> that may be connected to; refused (with the reason) when none may.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, int port, CancellationToken ct)
    {
        var bare = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(bare, out var literal)) addresses = [literal];
        else addresses = await Dns.GetHostAddressesAsync(bare, ct);
        if (IsAllowedHost(bare, port)) return addresses;
        var refused = addresses.Select(a => (Address: a, Reason: Forbidden(a))).ToList();
        var allowed = refused.Where(a => a.Reason is null).Select(a => a.Address).ToArray();
        // A name that resolves to any forbidden address is refused as a whole: its owner controls which one is used.
        if (refused.FirstOrDefault(a => a.Reason is not null) is { Reason: not null } first)
            throw new OutboundRefusedException(
                $"{host} resolves to {first.Address}, a {first.Reason} address; the server does not connect to such addresses " +
                $"unless the host is listed in ExternalSources:AllowedHosts.");
        if (allowed.Length == 0) throw new OutboundRefusedException($"{host} has no address.");
        return allowed;
    }

    /// <summary>Why an address is not public, or null for a public one.</summary>
    public static string? Forbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "unspecified",
                127 => "loopback",
                10 => "private",
                169 when b[1] == 254 => b[2] == 169 && b[3] == 254 ? "link-local (cloud metadata)" : "link-local",
                172 when b[1] is >= 16 and <= 31 => "private",
                192 when b[1] == 168 => "private",
                192 when b[1] == 0 && b[2] == 0 => "reserved",
                100 when b[1] is >= 64 and <= 127 => "shared (carrier-grade NAT)",
                198 when b[1] is 18 or 19 => "benchmarking",
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6None)) return "unspecified";
        if (IPAddress.IsLoopback(address)) return "loopback";
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal) return "link-local";
        if (address.IsIPv6Multicast) return "multicast";
        var first = address.GetAddressBytes()[0];
        if ((first & 0xfe) == 0xfc) return "private"; // fc00::/7, unique local
        if (address.IsIPv6Teredo || address.IsIPv6UniqueLocal) return "private";
        var bytes = address.GetAddressBytes();
        // 64:ff9b::/96 (NAT64) and ::/96 (IPv4-compatible) carry an IPv4 address: judge that one.
        if ((bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b) || bytes.Take(12).All(x => x == 0))
            return Forbidden(new IPAddress(bytes[12..]));
        return null;
    }
}
