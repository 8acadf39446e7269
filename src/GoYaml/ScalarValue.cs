namespace GitOpsHQ.GoYaml;

/// <summary>What a YAML scalar means once resolved.</summary>
public enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}

/// <summary>
/// A resolved YAML scalar: the kind and the typed value (null, bool, long, ulong, double or string).
/// </summary>
public readonly record struct ScalarValue(ScalarKind Kind, object? Value)
{
    public static readonly ScalarValue Null = new(ScalarKind.Null, null);

    public static ScalarValue String(string value) => new(ScalarKind.String, value);

    /// <summary>The kind as people read it in messages: "a string", "an integer"...</summary>
    public string Describe() => Kind switch
    {
        ScalarKind.Null => "null",
        ScalarKind.Boolean => "a boolean",
        ScalarKind.Integer => "an integer",
        ScalarKind.Float => "a number",
        _ => "a string",
    };
}
