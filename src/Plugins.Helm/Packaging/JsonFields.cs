using GitOpsHQ.Helm.Values;
using GitOpsHQ.Helm.Rendering;
using GitOpsHQ.Helm.Ignore;
using GitOpsHQ.Helm.Json;

namespace GitOpsHQ.Plugins.Helm.Packaging;

/// <summary>A JSON object written field by field in a fixed order, skipping empty values as Go's omitempty does.</summary>
internal sealed class JsonFields
{
    private readonly List<string> _fields = [];

    public void Text(string name, string value, bool always = false)
    {
        if (always || value.Length > 0)
        {
            Add(name, GoJson.Quote(value));
        }
    }

    public void Texts(string name, IReadOnlyList<string> values) => List(name, values.Select(GoJson.Quote));

    public void Flag(string name, bool value)
    {
        if (value)
        {
            Add(name, "true");
        }
    }

    /// <summary>A list of values already written as JSON.</summary>
    public void List(string name, IEnumerable<string> jsonValues)
    {
        var items = jsonValues.ToList();
        if (items.Count > 0)
        {
            Add(name, "[" + string.Join(',', items) + "]");
        }
    }

    public void Map(string name, IReadOnlyDictionary<string, string> values)
    {
        if (values.Count > 0)
        {
            Add(name, "{" + string.Join(',', values
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => GoJson.Quote(pair.Key) + ":" + GoJson.Quote(pair.Value))) + "}");
        }
    }

    public override string ToString() => "{" + string.Join(',', _fields) + "}";

    private void Add(string name, string json) => _fields.Add(GoJson.Quote(name) + ":" + json);
}
