using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>An <see cref="IGoObject"/> assembled from named fields and methods.</summary>
public class GoStruct : IGoObject
{
    private readonly List<string> _order = [];
    private readonly Dictionary<string, Func<object?>> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GoFunction> _methods = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pointerMethods = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _jsonTags = new(StringComparer.Ordinal);

    public GoStruct(string typeName) => TypeName = typeName;

    public string TypeName { get; }

    public IReadOnlyList<string> FieldNames => _order;

    /// <summary>
    /// Adds a field with a fixed value; <paramref name="json"/> is its Go struct tag for encoding/json (<c>name,omitempty</c>,
    /// or <c>-</c>), which names it in toJson and toYaml.
    /// </summary>
    public GoStruct Field(string name, object? value, string? json = null) => Field(name, () => value, json);

    /// <summary>Adds a field whose value is computed when read.</summary>
    public GoStruct Field(string name, Func<object?> read, string? json = null)
    {
        if (!_fields.ContainsKey(name))
        {
            _order.Add(name);
        }
        _fields[name] = read;
        if (json is not null)
        {
            _jsonTags[name] = json;
        }
        return this;
    }

    /// <summary>The field's encoding/json tag, or null when it has none (then its Go name is its JSON name).</summary>
    public string? JsonTag(string name) => _jsonTags.GetValueOrDefault(name);

    public GoStruct Method(GoFunction method)
    {
        _methods[method.Name] = method;
        return this;
    }

    /// <summary>
    /// Adds a method of the pointer type (<c>func (kv *KubeVersion) String()</c>): a template reaching the struct
    /// through a pointer can call it, but printing the struct value does not use it.
    /// </summary>
    public GoStruct PointerMethod(GoFunction method)
    {
        _pointerMethods.Add(method.Name);
        return Method(method);
    }

    /// <summary>True for a method only the pointer type has.</summary>
    public bool IsPointerMethod(string name) => _pointerMethods.Contains(name);

    public bool TryGetField(string name, out object? value)
    {
        if (_fields.TryGetValue(name, out var read))
        {
            value = read();
            return true;
        }
        value = null;
        return false;
    }

    public GoFunction? FindMethod(string name) => _methods.GetValueOrDefault(name);
}
