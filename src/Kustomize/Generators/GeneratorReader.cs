namespace GitOpsHQ.Kustomize;

/// <summary>Reads configMapGenerator and secretGenerator entries and generatorOptions, failing on unknown fields.</summary>
internal static class GeneratorReader
{
    private static readonly string[] Fields = ["name", "namespace", "behavior", "literals", "files", "envs", "env", "options"];

    private static readonly string[] OptionFields = ["labels", "annotations", "disableNameSuffixHash", "immutable"];

    public static GeneratorArgs Generator(FieldReader reader, MapNode entry, string kind)
    {
        var map = FieldReader.GoFields(entry, kind == "Secret" ? [.. Fields, "type"] : Fields);
        var args = new GeneratorArgs(kind)
        {
            Name = reader.Text(map["name"]) ?? "",
            Namespace = reader.Text(map["namespace"]) ?? "",
            Behavior = reader.Text(map["behavior"]) switch
            {
                "merge" => GeneratorBehavior.Merge,
                "replace" => GeneratorBehavior.Replace,
                _ => GeneratorBehavior.Create,
            },
            Options = map["options"] is { } options ? Options(reader, options) : GeneratorOptions.None,
            Type = reader.Text(map["type"]) ?? "",
        };
        args.Literals.AddRange(map["literals"] is { } literals ? reader.Strings(literals) : []);
        args.Files.AddRange(map["files"] is { } files ? reader.Strings(files) : []);
        args.Envs.AddRange(map["envs"] is { } envs ? reader.Strings(envs) : []);

        // The single env file of older kustomizations is read as one more env file.
        if (reader.Text(map["env"]) is { Length: > 0 } env)
        {
            args.Envs.Add(env);
        }

        return args;
    }

    public static GeneratorOptions Options(FieldReader reader, Node value)
    {
        if (value is ScalarNode { Value: null })
        {
            return GeneratorOptions.None;
        }

        var map = FieldReader.GoFields(value as MapNode ?? throw reader.Wrong("non-object into an object"), OptionFields);
        return new GeneratorOptions(
            reader.StringMap(map["labels"]).ToList(),
            reader.StringMap(map["annotations"]).ToList(),
            KustomizationDecoding.IsTrue(map["disableNameSuffixHash"]),
            KustomizationDecoding.IsTrue(map["immutable"]));
    }
}
