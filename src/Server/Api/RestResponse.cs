using Grpc.Core;

namespace GitOpsHQ.Server.Api;

/// <summary>
/// The REST door shares the gRPC services; where REST needs a status gRPC cannot say (201 Created,
/// 413, 422), it is set just before the transcoded response starts. Native gRPC and gRPC-Web are untouched.
/// </summary>
public static class RestResponse
{
    public static bool IsRest(ServerCallContext context) =>
        context.GetHttpContext() is { } http &&
        !(http.Request.ContentType ?? "").StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    public static void SetStatus(ServerCallContext context, int status)
    {
        if (!IsRest(context)) return;
        var response = context.GetHttpContext().Response;
        response.OnStarting(() =>
        {
            response.StatusCode = status;
            return Task.CompletedTask;
        });
    }

    public static void Created(ServerCallContext context) => SetStatus(context, StatusCodes.Status201Created);
}
