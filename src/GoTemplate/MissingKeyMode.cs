namespace GitOpsHQ.GoTemplate;

/// <summary>
/// What a missing map key yields (Go's <c>missingkey</c> option). Helm uses <see cref="Zero"/>: a missing key of
/// a <c>map[string]interface {}</c> is nil, printed as <c>&lt;no value&gt;</c>, and a field of it is an error.
/// </summary>
public enum MissingKeyMode
{
    /// <summary><c>missingkey=default</c> (or <c>invalid</c>): no value, and fields of it are no value too.</summary>
    Default,

    /// <summary><c>missingkey=zero</c>: the zero value of the map's element type.</summary>
    Zero,

    /// <summary><c>missingkey=error</c>: execution stops with an error.</summary>
    Error,
}
