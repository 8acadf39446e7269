using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// A Go slice of a named type with methods (Helm's <c>chartutil.VersionSet</c>, a <c>[]string</c> with <c>Has</c>): a slice
/// to range, index, len, printing and Sprig's list functions, whose methods templates can still call.
/// </summary>
public sealed class GoNamedSlice : List<object?>, IGoObject
{
    private readonly Dictionary<string, GoFunction> _methods = new(StringComparer.Ordinal);

    public GoNamedSlice(string typeName, IEnumerable<object?> items)
        : base(items) => TypeName = typeName;

    public string TypeName { get; }

    public IReadOnlyList<string> FieldNames => [];

    /// <summary>An empty slice of the same type (what Go's reflection makes when it slices or copies one).</summary>
    public GoNamedSlice Empty()
    {
        var empty = new GoNamedSlice(TypeName, []);
        foreach (var method in _methods.Values)
        {
            empty.Method(method);
        }

        return empty;
    }

    /// <summary>An empty list of the type of <paramref name="list"/>.</summary>
    public static System.Collections.IList EmptyLike(System.Collections.IList list) =>
        list is GoNamedSlice named ? named.Empty() : (System.Collections.IList)Activator.CreateInstance(list.GetType())!;

    public GoNamedSlice Method(GoFunction method)
    {
        _methods[method.Name] = method;
        return this;
    }

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public GoFunction? FindMethod(string name) => _methods.GetValueOrDefault(name);
}
