namespace GitOpsHQ.Kustomize;

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

    // kustomize reads options as a map of booleans: keys are exact, unknown ones are ignored.
    private static PatchOptions Options(FieldReader reader, MapNode map)
    {
        foreach (var value in map.Fields.Values)
        {
            if (value is not ScalarNode { Value: null or bool })
            {
                throw reader.Wrong($"{(value is ScalarNode { Value: string } ? "string" : "a non-boolean")} into a bool (patches.options)");
            }
        }

        return new PatchOptions(KustomizationDecoding.IsTrue(map["allowNameChange"]), KustomizationDecoding.IsTrue(map["allowKindChange"]));
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
