using System.Runtime.CompilerServices;

namespace GitOpsHQ.Kustomize;

/// <summary>
/// Scalars that fields created by replacements hold. kustomize makes them without a YAML tag, so
/// their type is read again from their text whenever a later replacement writes them (where a scalar
/// read from a file keeps its type).
/// </summary>
internal static class UntaggedScalars
{
    private static readonly ConditionalWeakTable<ScalarNode, object> Marked = [];

    public static ScalarNode Make(string text)
    {
        var scalar = PlainScalar.Resolve(text);
        Marked.AddOrUpdate(scalar, Marked);
        return scalar;
    }

    public static bool Contains(ScalarNode scalar) => Marked.TryGetValue(scalar, out _);
}
