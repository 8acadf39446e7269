using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using GitOpsHQ.Server.Errors;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>Why a request to a source failed, in words a person can act on.</summary>
public sealed class SourceUnreachableException(string message, Exception? inner = null, bool refused = false) : Exception(message, inner)
{
    /// <summary>The server's own rules refused the request (it was never sent).</summary>
    public bool Refused { get; } = refused;

    public ProductException ToProduct() => new(Refused ? ErrorCode.DestinationRefused : ErrorCode.RemoteFailed, Message);
}

/// <summary>Hands out <see cref="OutboundSession"/>s bound to the <see cref="OutboundPolicy"/>.</summary>
public sealed class OutboundClients(OutboundPolicy policy, IOptionsMonitor<ExternalSourcesOptions> options)
{
    public OutboundPolicy Policy => policy;

    public OutboundSession Open() => new(policy, options.CurrentValue);
}

/// <summary>
/// HTTP to sources under the <see cref="OutboundPolicy"/>: each connection's address is checked as it is made,
/// redirects are followed by hand (at most <see cref="OutboundPolicy.MaxRedirects"/>, each one checked), and the
/// credentials given for one host are attached only to requests for that host — never carried along a redirect to
/// another. Every answer is read under a size limit, every request under a timeout. One session is used by one
/// operation (a sync, a test) at a time and then disposed.
/// </summary>
public sealed class OutboundSession : IDisposable
{
    private readonly OutboundPolicy _policy;
    private readonly ExternalSourcesOptions _options;
    private readonly HttpClient _client;
    private SslPolicyErrors _lastTlsErrors;
    private string _lastChainStatus = "";

    public OutboundSession(OutboundPolicy policy, ExternalSourcesOptions options)
    {
        _policy = policy;
        _options = options;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxResponseHeadersLength = 64,
            ConnectCallback = ConnectAsync,
        };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, _, chain, errors) =>
        {
            _lastTlsErrors = errors;
            _lastChainStatus = chain is null ? "" : string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s != "").Distinct());
            return errors == SslPolicyErrors.None;
        };
        _client = new HttpClient(handler) { Timeout = options.RequestTimeout };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("GitOpsHQ/1.0 (+external chart sources)");
    }

    public TimeSpan Timeout => _options.RequestTimeout;

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await _policy.ResolveAsync(endpoint.Host, endpoint.Port, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Sends a request, following redirects. <paramref name="authorization"/> is attached while the request's host is
    /// <paramref name="credentialHost"/> (a normalised host) and dropped for good once a redirect leaves it.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, bool plainHttpAllowed, AuthenticationHeaderValue? authorization,
        string? credentialHost, IEnumerable<string>? accept, CancellationToken ct)
    {
        var current = uri;
        for (var hop = 0; ; hop++)
        {
            try
            {
                _policy.CheckScheme(current, plainHttpAllowed && SourceHost.Of(current) == SourceHost.Of(uri));
            }
            catch (OutboundRefusedException e)
            {
                throw Describe(e, current);
            }
            using var request = new HttpRequestMessage(method, current);
            foreach (var type in accept ?? []) request.Headers.Accept.ParseAdd(type);
            if (authorization is not null && credentialHost is not null && SourceHost.Of(current) == credentialHost)
                request.Headers.Authorization = authorization;
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or OutboundRefusedException && !ct.IsCancellationRequested)
            {
                throw Describe(e, current);
            }
            if ((int)response.StatusCode is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
            {
                response.Dispose();
                if (hop >= OutboundPolicy.MaxRedirects)
                    throw new SourceUnreachableException($"{Show(uri)} redirects more than {OutboundPolicy.MaxRedirects} times; the server follows at most {OutboundPolicy.MaxRedirects}.");
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                // Credentials belong to their host: once a redirect leaves it, they are not sent again.
                if (credentialHost is not null && SourceHost.Of(next) != credentialHost) authorization = null;
                if ((int)response.StatusCode == 303) method = HttpMethod.Get;
                current = next;
                continue;
            }
            return response;
        }
    }

    /// <summary>Reads the body under <paramref name="limit"/> bytes.</summary>
    public async Task<byte[]> ReadAsync(HttpResponseMessage response, long limit, string what, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > limit)
            throw new SourceUnreachableException($"{what} is {response.Content.Headers.ContentLength} bytes, more than the {limit} bytes allowed.");
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > limit) throw new SourceUnreachableException($"{what} is more than the {limit} bytes allowed.");
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && e is not SourceUnreachableException && !ct.IsCancellationRequested)
        {
            throw Describe(e, response.RequestMessage?.RequestUri ?? new Uri("https://unknown"));
        }
    }

    /// <summary>What went wrong reaching <paramref name="uri"/>: refused by the rules, DNS, refused, timeout, TLS.</summary>
    public SourceUnreachableException Describe(Exception e, Uri uri)
    {
        var host = uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}";
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case OutboundRefusedException refused:
                    return new SourceUnreachableException("Refused: " + refused.Message, e, refused: true);
                case SocketException socket when socket.SocketErrorCode is SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain:
                    return new SourceUnreachableException($"{host} is unreachable: its name could not be resolved (DNS). Check the host name.", e);
                case SocketException socket when socket.SocketErrorCode == SocketError.ConnectionRefused:
                    return new SourceUnreachableException($"{host} is unreachable: the connection was refused (nothing listens on that port).", e);
                case SocketException socket when socket.SocketErrorCode is SocketError.TimedOut:
                    return new SourceUnreachableException($"{host} is unreachable: the connection timed out.", e);
                case SocketException socket when socket.SocketErrorCode is SocketError.NetworkUnreachable or SocketError.HostUnreachable:
                    return new SourceUnreachableException($"{host} is unreachable: there is no route to it.", e);
                case AuthenticationException:
                    return new SourceUnreachableException(TlsFailure(host, uri), e);
                case TimeoutException or TaskCanceledException:
                    return new SourceUnreachableException($"{host} is unreachable: no answer within {_options.RequestTimeout.TotalSeconds:0} s (timeout).", e);
            }
        }
        return new SourceUnreachableException($"{host} could not be reached: {e.Message}", e);
    }

    private string TlsFailure(string host, Uri uri)
    {
        var errors = _lastTlsErrors;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) && errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            return $"TLS failure: the certificate of {host} is not trusted ({_lastChainStatus}) and is issued for another name than {uri.Host}.";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
            return $"TLS failure: the certificate of {host} is issued for another name than {uri.Host} (name mismatch).";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors))
            return $"TLS failure: the certificate of {host} is not trusted{(_lastChainStatus == "" ? "" : $" ({_lastChainStatus})")}; " +
                   "install its certificate authority on the server.";
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return $"TLS failure: {host} presented no certificate.";
        return $"TLS failure: the TLS handshake with {host} failed (does it speak plain HTTP? then mark the credential insecure).";
    }

    /// <summary>A URL as it may be shown: without user information or query.</summary>
    public static string Show(Uri uri) => uri.GetLeftPart(UriPartial.Path);

    public void Dispose() => _client.Dispose();
}
