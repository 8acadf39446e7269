namespace GitOpsHQ.Kustomize;

/// <summary>
/// A kustomization the engine cannot build: the same problems <c>kustomize build</c> fails on,
/// and the features the built-in engine does not support yet.
/// </summary>
public sealed class KustomizeBuildException(string message) : Exception(message)
{
    public static KustomizeBuildException NotSupported(string field) =>
        new($"{field} is not supported yet by the built-in kustomize engine");
}
