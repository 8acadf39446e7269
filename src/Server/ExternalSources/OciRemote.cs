using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>A registry's answer that a person can act on: wrong credentials, not a registry, and the like.</summary>
public sealed class RegistryAnswerException(string message, HttpStatusCode? status = null) : Exception(message)
{
    public HttpStatusCode? Status { get; } = status;
}

/// <summary>A manifest as a registry served it.</summary>
public sealed record RemoteManifest(byte[] Bytes, string Digest, string MediaType);

/// <summary>
/// The distribution API of one external registry, as Helm and docker speak it: requests go to
/// <c>https://HOST/v2/…</c> (plain HTTP only for a host whose credential is marked insecure); a 401 is answered by its
/// challenge — a Bearer token fetched from the realm with the host's credential (service and scope from the challenge),
/// or Basic with the credential — and the request is sent again. The credential only ever goes to its own host and
/// to the token realm that host names.
/// </summary>
public sealed partial class OciRemote(OutboundSession http, string host, string? username, string? password, bool insecure)
{
    public static readonly string[] ManifestTypes =
    [
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.docker.distribution.manifest.v2+json",
    ];

    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private bool _basic;

    public string Host => host;

    private bool HasCredential => !string.IsNullOrEmpty(username) || !string.IsNullOrEmpty(password);

    public Uri Url(string pathAndQuery) => new($"{(insecure ? "http" : "https")}://{SourceHost.Endpoint(host)}{pathAndQuery}");

    private AuthenticationHeaderValue BasicHeader() =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));

    /// <summary>Sends a request, answering the registry's challenge once; <paramref name="scope"/> is asked for when the challenge names none.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? scope, IEnumerable<string>? accept, CancellationToken ct)
    {
        var uri = Url(pathAndQuery);
        var key = scope ?? "";
        AuthenticationHeaderValue? authorization = _tokens.TryGetValue(key, out var cached) ? new("Bearer", cached) : _basic ? BasicHeader() : null;
        var response = await http.SendAsync(method, uri, insecure, authorization, SourceHost.Of(uri), accept, ct);
        if (response.StatusCode != HttpStatusCode.Unauthorized) return response;

        var challenge = response.Headers.WwwAuthenticate.FirstOrDefault();
        response.Dispose();
        if (challenge is null)
            throw new RegistryAnswerException($"{host} answered 401 without saying how to authenticate (no WWW-Authenticate challenge).", HttpStatusCode.Unauthorized);
        if (challenge.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
        {
            if (!HasCredential) throw NeedsCredentials();
            if (_basic) throw WrongCredentials();
            _basic = true;
        }
        else if (challenge.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            if (_tokens.ContainsKey(key)) throw WrongCredentials();
            _tokens[key] = await TokenAsync(Parameters(challenge.Parameter ?? ""), scope, ct);
        }
        else
        {
            throw new RegistryAnswerException($"{host} asks for '{challenge.Scheme}' authentication, which registries do not use; is it a registry?");
        }
        authorization = _basic ? BasicHeader() : new AuthenticationHeaderValue("Bearer", _tokens[key]);
        response = await http.SendAsync(method, uri, insecure, authorization, SourceHost.Of(uri), accept, ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            response.Dispose();
            throw HasCredential ? WrongCredentials() : NeedsCredentials();
        }
        return response;
    }

    /// <summary>A token from the Bearer realm: with the credential (Basic) when the host has one, anonymously otherwise.</summary>
    private async Task<string> TokenAsync(Dictionary<string, string> challenge, string? scope, CancellationToken ct)
    {
        if (!challenge.TryGetValue("realm", out var realm) || !Uri.TryCreate(realm, UriKind.Absolute, out var realmUri))
            throw new RegistryAnswerException($"{host} asks for a Bearer token without naming a valid realm to get it from.");
        var query = new List<string>();
        if (challenge.TryGetValue("service", out var service)) query.Add("service=" + Uri.EscapeDataString(service));
        var wanted = challenge.TryGetValue("scope", out var asked) ? asked : scope;
        foreach (var s in (wanted ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)) query.Add("scope=" + Uri.EscapeDataString(s));
        var tokenUri = new UriBuilder(realmUri) { Query = string.Join('&', new[] { realmUri.Query.TrimStart('?') }.Where(q => q != "").Concat(query)) }.Uri;
        // The token realm is where the registry delegates its authentication: the credential goes there, and nowhere a redirect leads.
        using var response = await http.SendAsync(HttpMethod.Get, tokenUri, insecure && SourceHost.Of(tokenUri) == SourceHost.Of(Url("/")),
            HasCredential ? BasicHeader() : null, SourceHost.Of(tokenUri), ["application/json"], ct);
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw HasCredential ? WrongCredentials() : NeedsCredentials();
        if (!response.IsSuccessStatusCode)
            throw new RegistryAnswerException($"The token service of {host} ({OutboundSession.Show(tokenUri)}) answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        var body = await http.ReadAsync(response, 1024 * 1024, "The token answer", ct);
        try
        {
            var json = JsonNode.Parse(body);
            var token = json?["token"]?.GetValue<string>() ?? json?["access_token"]?.GetValue<string>();
            if (!string.IsNullOrEmpty(token)) return token;
        }
        catch (System.Text.Json.JsonException)
        {
        }
        throw new RegistryAnswerException($"The token service of {host} answered without a token.");
    }

    private RegistryAnswerException WrongCredentials() =>
        new($"Wrong credentials: {host} refused the username and password{(username is { Length: > 0 } ? $" of '{username}'" : "")}; check them (a token may have expired).",
            HttpStatusCode.Unauthorized);

    private RegistryAnswerException NeedsCredentials() =>
        new($"{host} requires credentials: add an OCI credential for {host}.", HttpStatusCode.Unauthorized);

    /// <summary>The key="value" pairs of a challenge (values may hold commas inside their quotes).</summary>
    public static Dictionary<string, string> Parameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match m in ChallengeParameter().Matches(text))
            result[m.Groups["key"].Value] = m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["plain"].Value;
        return result;
    }

    [GeneratedRegex("""(?<key>[A-Za-z_]+)=(?:"(?<quoted>[^"]*)"|(?<plain>[^,\s]*))""")]
    private static partial Regex ChallengeParameter();

    /// <summary>Every tag of <paramref name="repository"/>, following the registry's pagination (<c>Link: &lt;…&gt;; rel="next"</c>).</summary>
    public async Task<List<string>> TagsAsync(string repository, int pageSize, int maxTags, long maxBytes, CancellationToken ct)
    {
        var tags = new List<string>();
        var next = $"/v2/{repository}/tags/list?n={pageSize}";
        var scope = $"repository:{repository}:pull";
        for (var page = 0; next is not null; page++)
        {
            if (page >= 1000) throw new RegistryAnswerException($"{host}/{repository} keeps listing tags past 1000 pages.");
            using var response = await SendAsync(HttpMethod.Get, next, scope, ["application/json"], ct);
            if (response.StatusCode == HttpStatusCode.NotFound)
                throw new RegistryAnswerException($"{host} has no repository '{repository}' (404 on its tag list).", HttpStatusCode.NotFound);
            RequireSuccess(response, $"the tag list of {repository}");
            var body = await http.ReadAsync(response, maxBytes, $"The tag list of {host}/{repository}", ct);
            JsonNode? json;
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (System.Text.Json.JsonException)
            {
                throw new RegistryAnswerException($"{host} answered the tag list of {repository} with something that is not JSON: is it a registry?");
            }
            foreach (var tag in json?["tags"]?.AsArray() ?? [])
                if (tag?.GetValue<string>() is { } t) tags.Add(t);
            if (tags.Count > maxTags) throw new RegistryAnswerException($"{host}/{repository} has more than {maxTags} tags (ExternalSources:MaxVersions).");
            next = NextPage(response);
        }
        return tags;
    }

    private static string? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links.SelectMany(l => l.Split(',')))
        {
            var m = LinkNext().Match(link);
            if (!m.Success) continue;
            var target = m.Groups[1].Value;
            if (Uri.TryCreate(target, UriKind.Absolute, out var absolute)) return absolute.PathAndQuery;
            return target.StartsWith('/') ? target : "/" + target;
        }
        return null;
    }

    [GeneratedRegex("""<([^>]+)>\s*;\s*rel="?next"?""")]
    private static partial Regex LinkNext();

    /// <summary>A manifest by tag or digest; its digest is computed from the bytes (and checked against the one named).</summary>
    public async Task<RemoteManifest?> ManifestAsync(string repository, string reference, long maxBytes, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v2/{repository}/manifests/{reference}", $"repository:{repository}:pull", ManifestTypes, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        RequireSuccess(response, $"the manifest {repository}:{reference}");
        var bytes = await http.ReadAsync(response, maxBytes, $"The manifest {repository}:{reference}", ct);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (reference.StartsWith("sha256:", StringComparison.Ordinal) && reference != digest)
            throw new RegistryAnswerException($"{host} served content for {repository}@{reference} whose digest is {digest}.");
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        try
        {
            mediaType = JsonNode.Parse(bytes)?["mediaType"]?.GetValue<string>() ?? mediaType;
        }
        catch (System.Text.Json.JsonException)
        {
            throw new RegistryAnswerException($"The manifest {repository}:{reference} on {host} is not JSON.");
        }
        return new RemoteManifest(bytes, digest, mediaType ?? ManifestTypes[0]);
    }

    /// <summary>The digest a tag points at now (HEAD; the body is hashed where the registry sends no digest), or null when the tag is gone.</summary>
    public async Task<string?> ManifestDigestAsync(string repository, string tag, long maxBytes, CancellationToken ct)
    {
        using (var head = await SendAsync(HttpMethod.Head, $"/v2/{repository}/manifests/{tag}", $"repository:{repository}:pull", ManifestTypes, ct))
        {
            if (head.StatusCode == HttpStatusCode.NotFound) return null;
            if (head.IsSuccessStatusCode && head.Headers.TryGetValues("Docker-Content-Digest", out var values) && values.FirstOrDefault() is { } named &&
                named.StartsWith("sha256:", StringComparison.Ordinal))
                return named;
        }
        return (await ManifestAsync(repository, tag, maxBytes, ct))?.Digest;
    }

    /// <summary>A blob, checked against its digest.</summary>
    public async Task<byte[]> BlobAsync(string repository, string digest, long maxBytes, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/v2/{repository}/blobs/{digest}", $"repository:{repository}:pull", null, ct);
        RequireSuccess(response, $"the blob {digest} of {repository}");
        var bytes = await http.ReadAsync(response, maxBytes, $"The blob {digest} of {repository}", ct);
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal) || actual != digest)
            throw new RegistryAnswerException($"{host} served a blob for {digest} whose digest is {actual}.");
        return bytes;
    }

    private void RequireSuccess(HttpResponseMessage response, string what)
    {
        if (response.IsSuccessStatusCode) return;
        if (response.StatusCode == HttpStatusCode.Forbidden)
            throw new RegistryAnswerException($"{host} refused access to {what} (403): the credential lacks the permission to pull it.", response.StatusCode);
        throw new RegistryAnswerException($"{host} answered {(int)response.StatusCode} {response.ReasonPhrase} for {what}.", response.StatusCode);
    }

    /// <summary>
    /// Test Connection: <c>GET /v2/</c>, answering its challenge with the credential, and reporting in words what happened.
    /// </summary>
    public async Task<ConnectionTestResult> TestAsync(string? repository, DateTimeOffset now, CancellationToken ct)
    {
        var scope = string.IsNullOrWhiteSpace(repository) ? null : $"repository:{repository.Trim('/')}:pull";
        try
        {
            using var response = await SendAsync(HttpMethod.Get, "/v2/", scope, ["application/json"], ct);
            var isRegistry = response.Headers.Contains("Docker-Distribution-API-Version") ||
                             response.Content.Headers.ContentType?.MediaType == "application/json";
            if (response.IsSuccessStatusCode && isRegistry)
            {
                var how = _basic ? "Basic authentication" : _tokens.Count > 0 ? "a Bearer token from its token service" : HasCredential ? "the credential" : "anonymous access";
                return new ConnectionTestResult(true, $"Connected to {host}: the registry accepted {how}.", now);
            }
            if (response.StatusCode == HttpStatusCode.Forbidden)
                return new ConnectionTestResult(false, $"{host} refused the credential (403): it is valid but lacks access.", now);
            return new ConnectionTestResult(false,
                $"Not a registry: {host} answered GET /v2/ with {(int)response.StatusCode} {response.ReasonPhrase}" +
                $"{(response.IsSuccessStatusCode ? $" ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})" : "")}, not the OCI distribution API.", now);
        }
        catch (RegistryAnswerException e)
        {
            return new ConnectionTestResult(false, e.Message, now);
        }
        catch (SourceUnreachableException e)
        {
            return new ConnectionTestResult(false, e.Message, now);
        }
    }
}
