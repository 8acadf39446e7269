namespace GitOpsHQ.GoTemplate.Values;

/// <summary>The kinds of Go values that templates distinguish.</summary>
public enum GoKind
{
    Invalid,
    Nil,
    Bool,
    Int,
    Uint,
    Float,
    Complex,
    String,
    Slice,
    Map,
    Struct,
    Func,
    Other,
}
