using System.Text.Json;
using GitOpsHQ.Server.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace GitOpsHQ.Server.Registry;

/// <summary>The one place the registry writes the distribution-spec error envelope.</summary>
public static class OciResponses
{
    private const int MaxReasonPhrase = 300;

    public static async Task WriteError(HttpContext http, ErrorCode error, string message, object? detail = null)
    {
        if (http.Response.HasStarted) return;
        http.Response.StatusCode = error.HttpStatus;
        SetReasonPhrase(http, error.HttpStatus, message);
        http.Response.ContentType = "application/json";
        var body = JsonSerializer.SerializeToUtf8Bytes(new { errors = new[] { new { code = error.Oci, message, detail } } });
        http.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(http.Request.Method)) await http.Response.Body.WriteAsync(body);
    }

    /// <summary>
    /// Many registry clients print only the status line of a failed request ("unexpected status … 409 Conflict"), never
    /// the error body; over HTTP/1.1 the reason phrase carries the message too, so what they print says why.
    /// </summary>
    private static void SetReasonPhrase(HttpContext http, int status, string message)
    {
        if (http.Features.Get<IHttpResponseFeature>() is not { } response || !HttpProtocol.IsHttp11(http.Request.Protocol)) return;
        var text = new string(message.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray()).Trim();
        if (text.Length > MaxReasonPhrase) text = text[..MaxReasonPhrase];
        response.ReasonPhrase = $"{ReasonPhrases.GetReasonPhrase(status)}: {text}";
    }

    public static void Descriptor(HttpResponse response, string digest, long length, string? mediaType = null)
    {
        response.Headers["Docker-Content-Digest"] = digest;
        response.ContentLength = length;
        if (mediaType is not null) response.ContentType = mediaType;
    }
}
