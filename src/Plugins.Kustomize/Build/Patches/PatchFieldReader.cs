namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>Reads the entries of the patches and patchesJson6902 fields.</summary>
internal static class PatchFieldReader
{
    public static PatchEntry Entry(FieldReader reader, MapNode map, bool legacy)
    {
        map = legacy ? FieldReader.GoFields(map, "path", "patch", "target")
            : FieldReader.GoFields(map, "path", "patch", "target", "options");
        if (map["options"] is MapNode { Fields.Count: > 0 })
        {
            throw KustomizeBuildException.NotSupported("patches.options");
        }

        var target = map["target"] switch
        {
            null or ScalarNode { Value: null } => null,
            MapNode targetMap => Target(reader, targetMap, legacy),
            _ => throw reader.Wrong("a non-object into an object"),
        };
        return new PatchEntry(reader.Text(map["path"]), reader.Text(map["patch"]), target);
    }

    private static PatchTarget Target(FieldReader reader, MapNode map, bool legacy)
    {
        map = legacy ? FieldReader.GoFields(map, "group", "version", "kind", "name", "namespace")
            : FieldReader.GoFields(map, "group", "version", "kind", "name", "namespace", "labelSelector", "annotationSelector");
        string Get(string key) => reader.Text(map[key]) ?? "";
        return new PatchTarget(Get("group"), Get("version"), Get("kind"), Get("name"), Get("namespace"),
            Get("labelSelector"), Get("annotationSelector"));
    }
}
