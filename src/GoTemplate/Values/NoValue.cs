namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// Go's invalid value: the result of a missing map key (with the default missingkey option) or of a
/// pipeline that evaluated to nil. Printed by templates as <c>&lt;no value&gt;</c>, which Helm removes.
/// Built-in functions that take Go's <c>reflect.Value</c> may receive it as an argument.
/// </summary>
public sealed class NoValue
{
    public static readonly NoValue Instance = new();

    private NoValue()
    {
    }

    public override string ToString() => "<no value>";
}
