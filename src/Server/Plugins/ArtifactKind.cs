using GitOpsHQ.Contracts;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Server.Errors;
using Grpc.Core;

namespace GitOpsHQ.Server.Plugins;

/// <summary>
/// One artifact type as its plugin describes it, and the in-process door to that plugin's
/// <c>ArtifactHandler</c> implementation.
/// </summary>
public sealed class ArtifactKind(DescribeResponse description, string pluginName, ArtifactHandler.ArtifactHandlerBase handler)
{
    public string Kind => description.Kind;
    public string Collection => description.Collection;
    public string DisplayName => description.DisplayName;
    public string SourceType => description.SourceType;
    public string PluginName => pluginName;
    public string PluginVersion => description.PluginVersion;

    public Task<ScaffoldResponse> ScaffoldAsync(ScaffoldRequest request, CancellationToken ct) =>
        Call(nameof(ScaffoldAsync), "Scaffolding", token => handler.Scaffold(request, Context("Scaffold", token)), ct);

    public Task<ValidateResponse> ValidateAsync(ValidateRequest request, CancellationToken ct) =>
        Call(nameof(ValidateAsync), $"Validating {request.Name}", token => handler.Validate(request, Context("Validate", token)), ct);

    public Task<PackageResponse> PackageAsync(PackageRequest request, CancellationToken ct) =>
        Call(nameof(PackageAsync), $"Packaging {request.Name}", token => handler.Package(request, Context("Package", token)), ct);

    public Task<UnpackResponse> UnpackAsync(UnpackRequest request, CancellationToken ct) =>
        Call(nameof(UnpackAsync), $"Reading the {DisplayName} package", token => handler.Unpack(request, Context("Unpack", token)), ct);

    public Task<RenderResponse> RenderAsync(RenderRequest request, CancellationToken ct) =>
        Call(nameof(RenderAsync), $"Rendering {request.Name}", token => handler.Render(request, Context("Render", token)), ct);

    /// <summary>The kind's check of values meant for a render; <see cref="ErrorCode.NotImplemented"/> for kinds without values.</summary>
    public Task<CheckValuesResponse> CheckValuesAsync(CheckValuesRequest request, CancellationToken ct) =>
        Call(nameof(CheckValuesAsync), $"Checking values for {request.Name}", token => handler.CheckValues(request, Context("CheckValues", token)), ct);

    private static InProcessCallContext Context(string method, CancellationToken ct) =>
        new($"/gitopshq.plugins.v1.ArtifactHandler/{method}", ct);

    /// <summary>
    /// A plugin's refusal becomes the product's error; anything else is the plugin's fault and says so. Within a request,
    /// the call is cancelled at the request's <see cref="RenderDeadline"/> and the request is answered then, even while a
    /// plugin is still busy in code that does not look at its cancellation.
    /// </summary>
    private async Task<T> Call<T>(string operation, string what, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        var deadline = RenderDeadline.Current;
        using var timer = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (deadline is not null)
        {
            var remaining = deadline.Remaining;
            if (remaining <= TimeSpan.Zero) throw deadline.Exceeded(what);
            timer!.CancelAfter(remaining);
        }
        var token = timer?.Token ?? ct;
        try
        {
            if (timer is null) return await call(token);
            return await Task.Run(() => call(token), token).WaitAsync(token);
        }
        catch (OperationCanceledException) when (deadline is not null && timer!.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw deadline.Exceeded(what);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument)
        {
            throw new ProductException(ErrorCode.RequestInvalid, e.Status.Detail);
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            throw new ProductException(ErrorCode.NotImplemented, e.Status.Detail);
        }
        catch (Exception e) when (e is not ProductException and not OperationCanceledException)
        {
            throw new InvalidOperationException($"The {DisplayName} plugin ({pluginName}) failed in {operation}: {e.Message}", e);
        }
    }
}
