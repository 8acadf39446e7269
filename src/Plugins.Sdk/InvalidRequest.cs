using Grpc.Core;

namespace GitOpsHQ.Plugins.Sdk;

/// <summary>
/// A request the caller has to fix before asking again: surfaces as gRPC InvalidArgument
/// with a message meant for a person.
/// </summary>
public static class InvalidRequest
{
    public static RpcException Because(string message) =>
        new(new Status(StatusCode.InvalidArgument, message));
}
