namespace GitOpsHQ.Plugins.Helm.GoTemplate.Values;

/// <summary>
/// A Go value of a named integer type that has methods (<c>time.Duration</c>, <c>time.Month</c>): printed through its
/// methods like a struct, but true or false by its number, as Go's truth and <c>empty</c> judge an integer.
/// </summary>
public interface IGoInteger : IGoObject
{
    long Value { get; }
}
