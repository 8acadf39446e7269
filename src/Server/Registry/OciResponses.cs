using System.Text.Json;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

/// <summary>The one place the registry writes the distribution-spec error envelope.</summary>
public static class OciResponses
{
    public static async Task WriteError(HttpContext http, ErrorCode error, string message, object? detail = null)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = error.HttpStatus;
        http.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { errors = new[] { new { code = error.Code, message, detail } } });
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body);
    }

    public static void Descriptor(HttpResponse response, string digest, long length, string? mediaType = null)
    {
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = length;
        if (mediaType is not null) response.ContentType = mediaType;
    }
}
