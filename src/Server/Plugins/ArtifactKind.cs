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
        Call(nameof(ScaffoldAsync), () => handler.Scaffold(request, Context("Scaffold", ct)));

    public Task<ValidateResponse> ValidateAsync(ValidateRequest request, CancellationToken ct) =>
        Call(nameof(ValidateAsync), () => handler.Validate(request, Context("Validate", ct)));

    public Task<PackageResponse> PackageAsync(PackageRequest request, CancellationToken ct) =>
        Call(nameof(PackageAsync), () => handler.Package(request, Context("Package", ct)));

    public Task<UnpackResponse> UnpackAsync(UnpackRequest request, CancellationToken ct) =>
        Call(nameof(UnpackAsync), () => handler.Unpack(request, Context("Unpack", ct)));

    public Task<RenderResponse> RenderAsync(RenderRequest request, CancellationToken ct) =>
        Call(nameof(RenderAsync), () => handler.Render(request, Context("Render", ct)));

    /// <summary>The kind's check of values meant for a render; <see cref="ErrorCode.NotImplemented"/> for kinds without values.</summary>
    public Task<CheckValuesResponse> CheckValuesAsync(CheckValuesRequest request, CancellationToken ct) =>
        Call(nameof(CheckValuesAsync), () => handler.CheckValues(request, Context("CheckValues", ct)));

    private static InProcessCallContext Context(string method, CancellationToken ct) =>
        new($"/gitopshq.plugins.v1.ArtifactHandler/{method}", ct);

    /// <summary>A plugin's refusal becomes the product's error; anything else is the plugin's fault and says so.</summary>
    private async Task<T> Call<T>(string operation, Func<Task<T>> call)
    {
        try
        {
            return await call();
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
