using GitOpsHQ.Server.Errors;
using Microsoft.FeatureManagement;

namespace GitOpsHQ.Server.Features;

/// <summary>The rendering-preview module, switched by <see cref="FeatureFlags.RenderPreview"/>.</summary>
public sealed class RenderPreview(IFeatureManager features)
{
    public async Task RequireEnabledAsync()
    {
        if (!await features.IsEnabledAsync(FeatureFlags.RenderPreview))
            throw new ProductException(ErrorCode.Unavailable, "Rendering previews is switched off on this server (FeatureManagement:RenderPreview).");
    }
}
