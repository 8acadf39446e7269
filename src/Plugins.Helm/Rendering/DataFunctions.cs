using GitOpsHQ.Plugins.Helm.GoTemplate.Functions;

namespace GitOpsHQ.Plugins.Helm.Rendering;

/// <summary>
/// Helm's YAML and JSON converters. Reading never fails the render: a map gets the error under "Error",
/// a list holds the error text as its only element.
/// </summary>
internal static class DataFunctions
{
    private static readonly GoType S = GoType.String;
    private static readonly GoType A = GoType.Any;

    public static IEnumerable<GoFunction> All() =>
    [
        new("toYaml", [A], S, (_, a) => GoYamlText.Write(a[0])),
        new("toJson", [A], S, (_, a) => GoJsonText.Write(a[0])),
        new("fromYaml", [S], GoType.Map, (_, a) => AsMap(() => GoValuesYaml.Read((string)a[0]!))),
        new("fromYamlArray", [S], GoType.List, (_, a) => AsList(() => GoValuesYaml.Read((string)a[0]!))),
        new("fromJson", [S], GoType.Map, (_, a) => AsMap(() => GoJsonValues.Read((string)a[0]!))),
        new("fromJsonArray", [S], GoType.List, (_, a) => AsList(() => GoJsonValues.Read((string)a[0]!))),
    ];

    private static Dictionary<string, object?> AsMap(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                Dictionary<string, object?> map => map,
                null => new Dictionary<string, object?>(StringComparer.Ordinal),
                _ => Failed("cannot unmarshal a non-map value into a map"),
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Failed(e.Message);
        }
    }

    private static Dictionary<string, object?> Failed(string message) =>
        new(StringComparer.Ordinal) { ["Error"] = message };

    private static List<object?> AsList(Func<object?> read)
    {
        try
        {
            return read() switch
            {
                List<object?> list => list,
                null => [],
                _ => ["cannot unmarshal a non-list value into a list"],
            };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return [e.Message];
        }
    }
}
