using System.Collections;
using System.Collections.Concurrent;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// The Go shape of a C# collection type: a slice or a map, and the static type of its elements.
/// Elements of <c>List&lt;object?&gt;</c> are Go <c>interface {}</c> values; elements of
/// <c>List&lt;string&gt;</c> are strings.
/// </summary>
internal sealed class ContainerShape
{
    private static readonly ConcurrentDictionary<Type, ContainerShape> Cache = new();

    private ContainerShape(GoKind kind, Type? key, Type? element)
    {
        Kind = kind;
        KeyType = key;
        ElementType = element;
    }

    public GoKind Kind { get; }

    public Type? KeyType { get; }

    public Type? ElementType { get; }

    /// <summary>True when elements are Go interface values (their static type is <c>interface {}</c>).</summary>
    public bool ElementsAreInterfaces => ElementType is null || ElementType == typeof(object);

    public bool HasStringKeys => KeyType == typeof(string);

    public string ElementName => ElementType is null ? GoTypes.Interface : GoTypes.NameOf(ElementType);

    public string KeyName => KeyType is null ? GoTypes.Interface : GoTypes.NameOf(KeyType);

    /// <summary>The zero value of the element type, which a missing key yields with missingkey=zero.</summary>
    public object? ElementZero => ElementType switch
    {
        null => null,
        { IsValueType: true } t when t != typeof(object) => Activator.CreateInstance(t),
        var t when t == typeof(string) => "",
        _ => null,
    };

    public static ContainerShape Of(Type type) => Cache.GetOrAdd(type, Describe);

    private static ContainerShape Describe(Type type)
    {
        Type? listElement = null;
        foreach (var i in type.GetInterfaces().Prepend(type))
        {
            if (!i.IsGenericType)
            {
                continue;
            }
            var def = i.GetGenericTypeDefinition();
            var args = i.GetGenericArguments();
            if (def == typeof(IDictionary<,>) || def == typeof(IReadOnlyDictionary<,>))
            {
                return new ContainerShape(GoKind.Map, args[0], args[1]);
            }
            if (def == typeof(IList<>) || def == typeof(IReadOnlyList<>))
            {
                listElement ??= args[0];
            }
        }
        if (typeof(IDictionary).IsAssignableFrom(type))
        {
            return new ContainerShape(GoKind.Map, null, null);
        }
        if (listElement is not null || typeof(IList).IsAssignableFrom(type))
        {
            return new ContainerShape(GoKind.Slice, null, listElement);
        }
        return new ContainerShape(GoKind.Other, null, null);
    }
}
