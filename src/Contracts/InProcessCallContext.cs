using Grpc.Core;

namespace GitOpsHQ.Contracts;

/// <summary>
/// The call context for invoking a contract service implementation in the same process
/// (the server calling a loaded plugin), where there is no HTTP/2 call underneath.
/// </summary>
public sealed class InProcessCallContext(string method, CancellationToken cancellationToken, DateTime? deadline = null)
    : ServerCallContext
{
    private readonly Metadata _responseTrailers = [];
    private Status _status;
    private WriteOptions? _writeOptions;

    protected override string MethodCore => method;
    protected override string HostCore => "in-process";
    protected override string PeerCore => "in-process";
    protected override DateTime DeadlineCore => deadline ?? DateTime.MaxValue;
    protected override Metadata RequestHeadersCore { get; } = [];
    protected override CancellationToken CancellationTokenCore => cancellationToken;
    protected override Metadata ResponseTrailersCore => _responseTrailers;
    protected override Status StatusCore { get => _status; set => _status = value; }
    protected override WriteOptions? WriteOptionsCore { get => _writeOptions; set => _writeOptions = value; }
    protected override AuthContext AuthContextCore { get; } = new(null, new Dictionary<string, List<AuthProperty>>());

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        throw new NotSupportedException("In-process calls do not propagate.");

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => Task.CompletedTask;
}
