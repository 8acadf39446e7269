using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace GitOpsHQ.Server.Tests.Support;

/// <summary>Small REST helpers: JSON in, status and JSON out.</summary>
public static class Rest
{
    public static async Task<(HttpStatusCode Status, JsonNode Body)> Send(this HttpClient http, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? new JsonObject() : JsonNode.Parse(text) ?? new JsonObject());
    }

    public static Task<(HttpStatusCode Status, JsonNode Body)> Get(this HttpClient http, string path) => http.Send(HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonNode Body)> Post(this HttpClient http, string path, object body) => http.Send(HttpMethod.Post, path, body);

    public static Task<(HttpStatusCode Status, JsonNode Body)> Put(this HttpClient http, string path, object body) => http.Send(HttpMethod.Put, path, body);

    public static Task<(HttpStatusCode Status, JsonNode Body)> Delete(this HttpClient http, string path) => http.Send(HttpMethod.Delete, path);

    public static string Str(this JsonNode node, string key) => node[key]?.GetValue<string>() ?? "";

    /// <summary>Writes a file on main based on the current head and returns the new head.</summary>
    public static async Task<string> WriteFile(this HttpClient http, string collection, string name, string path, string text)
    {
        var (_, tree) = await http.Get($"/api/v2/{collection}/{name}/tree");
        var (status, body) = await http.Put($"/api/v2/{collection}/{name}/files/{path}", new { text, baseCommit = tree.Str("commit") });
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"write {path}: {status} {body}");
        return body.Str("commit");
    }
}
