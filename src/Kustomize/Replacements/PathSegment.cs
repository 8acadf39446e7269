namespace GitOpsHQ.Kustomize;

/// <summary>One step of a field path: a map field, a list element selector, a list index, or every list element.</summary>
public abstract record PathSegment
{
    /// <summary>A map field ("spec").</summary>
    public sealed record Field(string Name) : PathSegment;

    /// <summary>List elements whose field <see cref="Key"/> (the element itself when empty) has the value <see cref="Value"/>: "[name=web]", "[=-v]".</summary>
    public sealed record Element(string Key, string Value) : PathSegment;

    /// <summary>The list element at a position ("0").</summary>
    public sealed record Index(int Position) : PathSegment;

    /// <summary>Every element of a list ("*").</summary>
    public sealed record Every : PathSegment;
}
