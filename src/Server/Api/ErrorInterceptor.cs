using GitOpsHQ.Server.Errors;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Status = Grpc.Core.Status;

namespace GitOpsHQ.Server.Api;

/// <summary>
/// The one place a <see cref="ProductException"/> becomes a gRPC status (with google.rpc.ErrorInfo, the finding lines
/// and the request's id as google.rpc.RequestInfo as details) and, for REST callers, the HTTP status of the error table.
/// </summary>
public sealed class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (ProductException e)
        {
            throw ToRpc(e, context);
        }
        catch (Exception e) when (e is not RpcException and not OperationCanceledException)
        {
            logger.LogError(e, "{Method} failed", context.Method);
            throw new RpcException(new Status(StatusCode.Internal,
                $"The server failed to complete the request; the error is in its log under request id {context.GetHttpContext().TraceIdentifier}."));
        }
    }

    private static RpcException ToRpc(ProductException e, ServerCallContext context)
    {
        var message = e.Details.Count == 0 ? $"{e.Error.Code}: {e.Message}" : $"{e.Error.Code}: {e.Message}\n" + string.Join('\n', e.Details.Select(d => "  " + d));
        var details = new Google.Rpc.Status
        {
            Code = (int)e.Error.GrpcStatus,
            Message = message,
            Details = { Any.Pack(new ErrorInfo { Reason = e.Error.Code, Domain = "gitopshq" }) },
        };
        if (e.Details.Count > 0)
            details.Details.Add(Any.Pack(new BadRequest { FieldViolations = { e.Details.Select(d => new BadRequest.Types.FieldViolation { Description = d }) } }));
        details.Details.Add(Any.Pack(new RequestInfo { RequestId = context.GetHttpContext().TraceIdentifier }));
        RestResponse.SetStatus(context, e.Error.HttpStatus);
        return new RpcException(new Status(e.Error.GrpcStatus, message), new Metadata { { "grpc-status-details-bin", details.ToByteArray() } });
    }
}
