namespace GitOpsHQ.Kustomize;

/// <summary>
/// The buildMetadata field of the kustomization being built (those of bases and components are
/// ignored, like kustomize): which origin and transformer annotations and which label the output gets.
/// </summary>
internal sealed record BuildMetadata(bool OriginAnnotations, bool TransformerAnnotations, bool ManagedByLabel)
{
    public const string OriginAnnotation = "config.kubernetes.io/origin";

    public const string TransformationsAnnotation = "alpha.config.kubernetes.io/transformations";

    public const string ManagedByKey = "app.kubernetes.io/managed-by";

    /// <summary>The value kubectl's built-in kustomize writes: its module version is "(devel)".</summary>
    public const string ManagedByValue = "kustomize-(devel)";

    public static readonly BuildMetadata None = new(false, false, false);

    /// <summary>True when origins are tracked at all: kustomize does so as soon as the field lists anything.</summary>
    public bool Tracks => OriginAnnotations || TransformerAnnotations || ManagedByLabel;

    public static BuildMetadata From(IReadOnlyCollection<string> values) =>
        new(values.Contains("originAnnotations"), values.Contains("transformerAnnotations"), values.Contains("managedByLabel"));

    /// <summary>Writes the requested annotations and label on a finished resource.</summary>
    public void Apply(Resource resource)
    {
        if (OriginAnnotations && resource.Origin is { } origin)
        {
            resource.Metadata.MapOrCreate("annotations").Set(OriginAnnotation, ScalarNode.Of(origin));
        }

        if (TransformerAnnotations && resource.Transformations.Count > 0)
        {
            var text = string.Concat(resource.Transformations.Select(t =>
                $"- configuredIn: {t.ConfiguredIn}\n  configuredBy:\n    apiVersion: builtin\n    kind: {t.Kind}\n"
                + (t.Name is { Length: > 0 } ? $"    name: {t.Name}\n" : "") + (t.Namespace is { Length: > 0 } ? $"    namespace: {t.Namespace}\n" : "")));
            resource.Metadata.MapOrCreate("annotations").Set(TransformationsAnnotation, ScalarNode.Of(text));
        }

        if (ManagedByLabel)
        {
            resource.Metadata.MapOrCreate("labels").Set(ManagedByKey, ScalarNode.Of(ManagedByValue));
        }
    }

    /// <summary>The origin text of a resource read from a file.</summary>
    public static string FileOrigin(string path) => $"path: {path}\n";

    /// <summary>The origin text of a generated resource.</summary>
    public static string GeneratorOrigin(string configuredIn, string kind, string? name = null) =>
        $"configuredIn: {configuredIn}\nconfiguredBy:\n  apiVersion: builtin\n  kind: {kind}\n" + (name is { Length: > 0 } ? $"  name: {name}\n" : "");

    /// <summary>A path inside the artifact as seen from the directory being built: "../base/r.yaml".</summary>
    public static string Relative(string fromDirectory, string path)
    {
        var from = fromDirectory.Length == 0 ? [] : fromDirectory.Split('/');
        var to = path.Split('/');
        var common = 0;
        while (common < from.Length && common < to.Length - 1 && from[common] == to[common])
        {
            common++;
        }

        return string.Join('/', Enumerable.Repeat("..", from.Length - common).Concat(to.Skip(common)));
    }
}

/// <summary>A built-in transformer that ran over a resource, and the kustomization file (seen from the build root) that configured it.</summary>
internal sealed record Transformation(string ConfiguredIn, string Kind, string? Name = null, string? Namespace = null);
