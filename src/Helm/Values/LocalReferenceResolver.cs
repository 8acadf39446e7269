using NJsonSchema;
using NJsonSchema.References;

namespace GitOpsHQ.Helm.Values;

/// <summary>
/// Resolves only references inside the schema itself: a chart's schema is never allowed to make
/// the server read its files or fetch URLs.
/// </summary>
internal sealed class LocalReferenceResolver(JsonSchema root)
    : JsonReferenceResolver(new JsonSchemaAppender(root, new DefaultTypeNameGenerator()))
{
    public override Task<IJsonReference> ResolveFileReferenceAsync(string filePath, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The reference '{filePath}' points to another file; only references inside the schema are followed.");

    public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"The reference '{url}' is a URL; only references inside the schema are followed.");
}
