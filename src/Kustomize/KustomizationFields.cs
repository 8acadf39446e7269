namespace GitOpsHQ.Kustomize;

/// <summary>The fields a kustomization may have; kustomize refuses a file with any other.</summary>
public static class KustomizationFields
{
    /// <summary>The JSON names of kustomize's types.Kustomization, as <see cref="KustomizationDecoding"/> models it.</summary>
    public static readonly HashSet<string> Known = new(KustomizationDecoding.FieldNames, StringComparer.Ordinal);
}
