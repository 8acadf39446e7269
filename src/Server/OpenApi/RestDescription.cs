using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Api;
using Google.Protobuf.Reflection;

namespace GitOpsHQ.Server.OpenApi;

/// <summary>
/// The OpenAPI 3 description of the REST surface, derived from the services' <c>google.api.http</c>
/// annotations and messages in protos/ — the same source the transcoding routes come from.
/// </summary>
public static partial class RestDescription
{
    private static readonly FileDescriptor[] Files =
    [
        Contracts.Catalog.V1.CatalogReflection.Descriptor,
        Contracts.Org.V1.OrgReflection.Descriptor,
        Contracts.Sources.V1.SourcesReflection.Descriptor,
        Contracts.Org.V1.SessionReflection.Descriptor,
        Contracts.Workloads.V1.WorkloadsReflection.Descriptor,
        Contracts.Audit.V1.AuditReflection.Descriptor,
    ];

    public static string Json { get; } = Build().ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    [GeneratedRegex(@"\{([a-z_]+)(=[^}]*)?\}")]
    private static partial Regex PathVariable();

    private static JsonObject Build()
    {
        var paths = new JsonObject();
        var schemas = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var service in Files.SelectMany(f => f.Services))
        foreach (var method in service.Methods)
        {
            if (method.GetOptions()?.GetExtension(AnnotationsExtensions.Http) is not { } rule) continue;
            var (verb, template) = Route(rule);
            var pathParams = PathVariable().Matches(template).Select(m => m.Groups[1].Value).ToHashSet();
            var path = PathVariable().Replace(template, m => "{" + m.Groups[1].Value + "}");
            var operation = new JsonObject
            {
                ["operationId"] = $"{service.Name}_{method.Name}",
                ["tags"] = new JsonArray(service.Name),
                ["parameters"] = Parameters(method.InputType, pathParams, rule.Body == "*"),
                ["responses"] = new JsonObject
                {
                    [verb == "post" && method.Name.StartsWith("Create") || method.Name == "PublishVersion" ? "201" : "200"] = Response(method.OutputType, schemas),
                    ["default"] = new JsonObject { ["description"] = "An error: google.rpc.Status JSON with code and message (\"CODE: message\")." },
                },
            };
            if (rule.Body == "*")
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(method.InputType, schemas) } },
                };
            var item = paths[path] as JsonObject ?? new JsonObject();
            item[verb] = operation;
            paths[path] = item;
        }
        return new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject { ["title"] = "GitOpsHQ Registry & Catalog", ["version"] = "v2" },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = new JsonObject(schemas.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))),
                ["securitySchemes"] = new JsonObject { ["token"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
            },
            ["security"] = new JsonArray(new JsonObject { ["token"] = new JsonArray() }),
        };
    }

    private static (string Verb, string Template) Route(HttpRule rule) => rule.PatternCase switch
    {
        HttpRule.PatternOneofCase.Get => ("get", rule.Get),
        HttpRule.PatternOneofCase.Post => ("post", rule.Post),
        HttpRule.PatternOneofCase.Put => ("put", rule.Put),
        HttpRule.PatternOneofCase.Delete => ("delete", rule.Delete),
        HttpRule.PatternOneofCase.Patch => ("patch", rule.Patch),
        _ => throw new InvalidOperationException($"Unsupported HTTP rule {rule.PatternCase}."),
    };

    private static JsonArray Parameters(MessageDescriptor input, HashSet<string> pathParams, bool hasBody)
    {
        var parameters = new JsonArray();
        foreach (var field in input.Fields.InDeclarationOrder())
        {
            var inPath = pathParams.Contains(field.Name);
            if (!inPath && (hasBody || field.FieldType == FieldType.Message || field.IsRepeated)) continue;
            parameters.Add(new JsonObject
            {
                ["name"] = inPath ? field.Name : field.JsonName,
                ["in"] = inPath ? "path" : "query",
                ["required"] = inPath,
                ["schema"] = Scalar(field),
            });
        }
        return parameters;
    }

    private static JsonObject Response(MessageDescriptor output, IDictionary<string, JsonNode> schemas) => new()
    {
        ["description"] = output.Name,
        ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Reference(output, schemas) } },
    };

    private static JsonObject Reference(MessageDescriptor message, IDictionary<string, JsonNode> schemas)
    {
        if (message.FullName == "google.protobuf.Timestamp") return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        if (!schemas.ContainsKey(message.FullName))
        {
            var properties = new JsonObject();
            schemas[message.FullName] = new JsonObject { ["type"] = "object", ["properties"] = properties };
            foreach (var field in message.Fields.InDeclarationOrder())
                properties[field.JsonName] = Field(field, schemas);
        }
        return new JsonObject { ["$ref"] = "#/components/schemas/" + message.FullName };
    }

    private static JsonNode Field(FieldDescriptor field, IDictionary<string, JsonNode> schemas)
    {
        if (field.IsMap)
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Field(field.MessageType.FindFieldByNumber(2), schemas) };
        var item = field.FieldType == FieldType.Message ? Reference(field.MessageType, schemas) : Scalar(field);
        return field.IsRepeated ? new JsonObject { ["type"] = "array", ["items"] = item } : item;
    }

    private static JsonObject Scalar(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Bool => new JsonObject { ["type"] = "boolean" },
        FieldType.Int32 or FieldType.SInt32 or FieldType.UInt32 or FieldType.Fixed32 or FieldType.SFixed32 =>
            new JsonObject { ["type"] = "integer", ["format"] = "int32" },
        FieldType.Int64 or FieldType.SInt64 or FieldType.UInt64 or FieldType.Fixed64 or FieldType.SFixed64 =>
            new JsonObject { ["type"] = "string", ["format"] = "int64" },
        FieldType.Float or FieldType.Double => new JsonObject { ["type"] = "number" },
        FieldType.Bytes => new JsonObject { ["type"] = "string", ["format"] = "byte" },
        FieldType.Enum => new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(field.EnumType.Values.Select(v => (JsonNode)v.Name).ToArray()) },
        _ => new JsonObject { ["type"] = "string" },
    };
}
