using GitOpsHQ.GoTemplate.Values;

namespace GitOpsHQ.GoTemplate.Execution;

/// <summary>
/// A value during execution, with what Go knows statically about it: whether it sits in an interface slot
/// (an element of a <c>map[string]interface {}</c> or <c>[]interface {}</c>). That decides Go's error texts
/// (<c>nil pointer evaluating interface {}.x</c>) and is dropped at the end of each pipeline command.
/// </summary>
internal readonly record struct Operand(object? Value, bool IsInterface)
{
    public static readonly Operand Invalid = new(NoValue.Instance, false);

    public bool IsValid => Value is not NoValue;

    public static Operand Concrete(object? value) => value is null ? new(null, true) : new(value, false);

    /// <summary>What a pipeline command yields: interface values unwrapped, nil becoming no value.</summary>
    public Operand Unwrapped() => Value is null ? Invalid : IsInterface ? new(Value, false) : this;

    public string StaticTypeName => IsInterface || Value is null ? GoTypes.Interface : GoTypes.NameOf(Value);
}
