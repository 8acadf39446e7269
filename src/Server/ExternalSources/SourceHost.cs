using System.Net;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>
/// The one spelling of a registry or chart host that credentials are keyed by: no scheme (<c>https://</c>,
/// <c>http://</c>, <c>oci://</c>), no user information, path or trailing slash, lowercase, the port kept;
/// Docker Hub's names (<c>docker.io</c>, <c>registry-1.docker.io</c>, <c>index.docker.io</c>) are one host, <c>docker.io</c>.
/// </summary>
public static class SourceHost
{
    public const string DockerHub = "docker.io";

    /// <summary>Where Docker Hub's registry API is served.</summary>
    public const string DockerHubRegistry = "registry-1.docker.io";

    public static string Normalise(string? text)
    {
        var host = (text ?? "").Trim();
        foreach (var scheme in new[] { "https://", "http://", "oci://" })
            if (host.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
            {
                host = host[scheme.Length..];
                break;
            }
        var slash = host.IndexOf('/');
        if (slash >= 0) host = host[..slash];
        var at = host.LastIndexOf('@');
        if (at >= 0) host = host[(at + 1)..];
        host = host.TrimEnd('/').ToLowerInvariant();
        if (host.Length == 0 || host.Contains("://"))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{text}' is not a host name: give e.g. registry.example.com or registry.example.com:5000.");
        var (name, port) = Split(host);
        if (port is not null && (!int.TryParse(port, out var number) || number is < 1 or > 65535))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{text}': the port must be a number from 1 to 65535.");
        var isAddress = name.StartsWith('[') ? IPAddress.TryParse(name.Trim('[', ']'), out _) : IPAddress.TryParse(name, out _);
        if (!isAddress && (name.Length > 253 || !name.Split('.').All(IsLabel)))
            throw new ProductException(ErrorCode.RequestInvalid, $"'{text}' is not a valid host name.");
        if (name is "registry-1.docker.io" or "index.docker.io" && port is null) return DockerHub;
        return host;
    }

    /// <summary>The normalised host of a URL ("https://h:1/x" → "h:1"; the scheme's default port dropped).</summary>
    public static string Of(Uri uri)
    {
        var authority = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        return Normalise(authority);
    }

    /// <summary>The name a normalised host is contacted at (Docker Hub's API lives on another name than its credentials).</summary>
    public static string Endpoint(string host) => host == DockerHub ? DockerHubRegistry : host;

    public static (string Name, string? Port) Split(string host)
    {
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']');
            return close < 0 ? (host, null) : (host[..(close + 1)], close + 1 < host.Length && host[close + 1] == ':' ? host[(close + 2)..] : null);
        }
        var colon = host.LastIndexOf(':');
        return colon < 0 ? (host, null) : (host[..colon], host[(colon + 1)..]);
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && label[0] != '-' && label[^1] != '-';
}
