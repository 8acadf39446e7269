namespace GitOpsHQ.Server.Errors;

/// <summary>
/// An error answered before a request reaches the API's services (authentication, CSRF): REST callers get the REST error
/// body (with the request's id as a google.rpc.RequestInfo detail), gRPC and gRPC-Web callers the gRPC status and
/// message in the headers, Git a line of text.
/// </summary>
public static class HttpErrors
{
    /// <summary>Messages read as written (an apostrophe stays one); the body is JSON, never HTML.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task WriteAsync(HttpContext http, ErrorCode error, string message)
    {
        var request = http.Request;
        var response = http.Response;
        response.StatusCode = error.HttpStatus;
        if (request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true)
        {
            response.Headers["grpc-status"] = ((int)error.GrpcStatus).ToString(System.Globalization.CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString($"{error.Code}: {message}");
            return Task.CompletedTask;
        }
        if (request.Path.StartsWithSegments("/api"))
        {
            response.ContentType = "application/json";
            return response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(
                new
                {
                    code = (int)error.GrpcStatus,
                    message = $"{error.Code}: {message}",
                    // As the API's own errors carry it (google.rpc.RequestInfo), so a report can name the request.
                    details = new object[] { new Dictionary<string, string> { ["@type"] = "type.googleapis.com/google.rpc.RequestInfo", ["requestId"] = http.TraceIdentifier } },
                }, Json));
        }
        if (request.Path.StartsWithSegments("/git"))
        {
            response.ContentType = "text/plain; charset=utf-8";
            return response.WriteAsync($"GitOpsHQ: {message}\n");
        }
        return Task.CompletedTask;
    }
}
