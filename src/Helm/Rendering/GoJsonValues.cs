using System.Text.Json;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>JSON text read as Go's encoding/json reads it into interface values: numbers as float64.</summary>
internal static class GoJsonValues
{
    public static object? Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        return Convert(document.RootElement);
    }

    private static object? Convert(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .GroupBy(p => p.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Convert(g.Last().Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Convert).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
