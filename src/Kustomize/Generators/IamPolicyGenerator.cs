namespace GitOpsHQ.Kustomize;

/// <summary>
/// kustomize's built-in IAMPolicyGenerator: for cloud "gke", a ServiceAccount named by kubernetesService and annotated
/// with the Google service account (serviceAccount name and projectId) it acts as under GKE workload identity. Like
/// kustomize, the fields are written into the object's YAML text as they are, so the text is read back with their meaning.
/// </summary>
internal static class IamPolicyGenerator
{
    public const string Kind = "IAMPolicyGenerator";

    public static MapNode Generate(MapNode config)
    {
        var plugin = $"{Kind}.builtin.[noGrp]/{config.Map("metadata")?.Text("name")}.[noNs]";
        var fields = GoFields(config);
        var cloud = Text(fields["cloud"], plugin, "IAMPolicyGeneratorPlugin.cloud");
        var service = Struct(fields["kubernetesService"], plugin, "KubernetesService");
        var account = Struct(fields["serviceAccount"], plugin, "ServiceAccount");
        var serviceName = Text(service["name"], plugin, "KubernetesService.kubernetesService.name");
        var serviceNamespace = Text(service["namespace"], plugin, "KubernetesService.kubernetesService.namespace");
        var accountName = Text(account["name"], plugin, "ServiceAccount.serviceAccount.name");
        var projectId = Text(account["projectId"], plugin, "ServiceAccount.serviceAccount.projectId");
        if (cloud != "gke")
        {
            throw new KustomizeBuildException($"cloud provider {cloud} not supported yet");
        }

        var text = $"""

            apiVersion: v1
            kind: ServiceAccount
            metadata:
              annotations:
                iam.gke.io/gcp-service-account: {accountName}@{projectId}.iam.gserviceaccount.com
              name: {serviceName}

            """;
        if (serviceNamespace.Length > 0)
        {
            text += $"\n  namespace: {serviceNamespace}";
        }

        var documents = NodeReader.Documents(text, Kind);
        if (documents is not [MapNode generated])
        {
            throw new KustomizeBuildException($"{Kind}: the generated ServiceAccount is not one YAML object");
        }

        if (generated.Map("metadata")?["name"] is ScalarNode { Value: not (null or string) })
        {
            throw KustomizeBuildException.NotSupported($"{Kind} service account names that read as numbers or booleans");
        }

        return generated;
    }

    // Go's JSON decoding of the plugin struct: unknown fields are ignored, names match ignoring case, the last wins.
    private static MapNode GoFields(MapNode map, params string[] known)
    {
        known = known.Length == 0 ? ["cloud", "kubernetesService", "serviceAccount"] : known;
        var result = new MapNode();
        foreach (var (key, value) in map.Fields)
        {
            if ((known.FirstOrDefault(k => k == key) ?? known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))) is { } name)
            {
                result.Set(name, value);
            }
        }

        return result;
    }

    private static MapNode Struct(Node? value, string plugin, string type) => value switch
    {
        null or ScalarNode { Value: null } => new MapNode(),
        MapNode map => GoFields(map, type == "ServiceAccount" ? ["name", "projectId"] : ["name", "namespace"]),
        _ => throw Unmarshal(plugin, value, $"IAMPolicyGeneratorPlugin.{char.ToLowerInvariant(type[0])}{type[1..]}", $"types.{type}"),
    };

    private static string Text(Node? value, string plugin, string field) => value switch
    {
        null or ScalarNode { Value: null } => "",
        ScalarNode { Value: string text } => text,
        _ => throw Unmarshal(plugin, value, field, "string"),
    };

    private static KustomizeBuildException Unmarshal(string plugin, Node value, string field, string type)
    {
        var what = value switch
        {
            MapNode => "object",
            ListNode => "array",
            ScalarNode { Value: bool } => "bool",
            _ => "number",
        };
        return new KustomizeBuildException(
            $"loading generator plugins: failed to load generator: plugin {plugin} fails configuration: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {what} into Go struct field {field} of type {type}");
    }
}
