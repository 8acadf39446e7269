using System.Globalization;

namespace GitOpsHQ.HelmEngine.Tests.Values;

/// <summary>A values tree written compactly with Go types: <c>{a:int64(1),b:["x",nil],c:float64(2.5)}</c>, keys sorted.</summary>
internal static class ValueText
{
    public static string Of(object? value) => value switch
    {
        null => "nil",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        long l => $"int64({l.ToString(CultureInfo.InvariantCulture)})",
        double d => $"float64({d.ToString(CultureInfo.InvariantCulture)})",
        List<object?> list => "[" + string.Join(",", list.Select(Of)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(",", map.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + ":" + Of(e.Value))) + "}",
        _ => $"?{value.GetType().Name}({value})",
    };
}
