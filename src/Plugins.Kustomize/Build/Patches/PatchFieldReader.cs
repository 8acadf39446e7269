namespace GitOpsHQ.Plugins.Kustomize.Build;

/// <summary>Reads the entries of the patches and patchesJson6902 fields.</summary>
internal static class PatchFieldReader
{
    public static PatchEntry Entry(FieldReader reader, MapNode map, bool legacy)
    {
        map = legacy ? FieldReader.GoFields(map, "path", "patch", "target")
            : FieldReader.GoFields(map, "path", "patch", "target", "options");
        var target = map["target"] switch
        {
            null or ScalarNode { Value: null } => null,
            MapNode targetMap => Target(reader, targetMap, legacy),
            _ => throw reader.Wrong("a non-object into an object"),
        };
        var options = map["options"] switch
        {
            null or ScalarNode { Value: null } => PatchOptions.None,
            MapNode optionsMap => Options(reader, optionsMap),
            _ => throw reader.Wrong("a non-object into an object"),
        };
        return new PatchEntry(reader.Text(map["path"]), reader.Text(map["patch"]), target, options);
    }

    private static PatchOptions Options(FieldReader reader, MapNode map)
    {
        map = FieldReader.GoFields(map, "allowNameChange", "allowKindChange");
        bool Get(string key) => map[key] switch
        {
            null or ScalarNode { Value: null } => false,
            ScalarNode { Value: bool flag } => flag,
            _ => throw reader.Wrong("a non-boolean into a bool"),
        };
        return new PatchOptions(Get("allowNameChange"), Get("allowKindChange"));
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
