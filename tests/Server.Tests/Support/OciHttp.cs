using System.Net.Http.Headers;
using System.Text;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Raw distribution-API requests with Basic credentials (any username, a token as password).</summary>
public static class OciHttp
{
    public static HttpClient Client(TestServer server, string? token)
    {
        var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("user:" + token)));
        return client;
    }

    public static async Task<HttpResponseMessage> Oci(this HttpClient http, HttpMethod method, string path, byte[]? body = null,
        Action<HttpRequestMessage>? configure = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new ByteArrayContent(body);
        configure?.Invoke(request);
        return await http.SendAsync(request);
    }

    /// <summary>Uploads a blob monolithically; returns its digest.</summary>
    public static async Task<string> PushBlob(this HttpClient http, string repository, byte[] content)
    {
        var digest = OciLayout.Digest(content);
        var response = await http.Oci(HttpMethod.Post, $"/v2/{repository}/blobs/uploads/?digest={digest}", content);
        if ((int)response.StatusCode != 201) throw new InvalidOperationException($"blob upload: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return digest;
    }

    public static async Task<string> ErrorCode(this HttpResponseMessage response) =>
        System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["errors"]![0]!["code"]!.GetValue<string>();

    public static byte[] ImageManifest(string configDigest, int configSize, params (string Digest, int Size)[] layers) =>
        Encoding.UTF8.GetBytes(
            "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"," +
            $"\"config\":{{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"{configDigest}\",\"size\":{configSize}}}," +
            "\"layers\":[" + string.Join(',', layers.Select(l =>
                $"{{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"{l.Digest}\",\"size\":{l.Size}}}")) + "]}");
}
