using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// A Go struct as templates see it: exported fields (<c>.Chart.Name</c>) and methods
/// (<c>.Files.Get "x"</c>). A method named <c>String</c> with no parameters is used when the value is printed,
/// as Go's <c>fmt.Stringer</c> is.
/// </summary>
public interface IGoObject
{
    /// <summary>The Go type name used in error texts and by <c>%T</c>, e.g. <c>chart.Metadata</c>.</summary>
    string TypeName { get; }

    /// <summary>Field names in declaration order, for <c>%v</c> and <c>%+v</c>.</summary>
    IReadOnlyList<string> FieldNames { get; }

    bool TryGetField(string name, out object? value);

    /// <summary>The method with this name, or null. Methods are looked up before fields, as in Go.</summary>
    GoFunction? FindMethod(string name);
}
