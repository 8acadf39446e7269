namespace GitOpsHQ.GoTemplate.Values;

/// <summary>
/// A Go value of a named integer type that has methods (<c>time.Duration</c>, <c>time.Month</c>): an integer to
/// comparisons, truth and integer verbs, and printed through its <c>String</c> method by <c>%v</c> and <c>%s</c>.
/// </summary>
public interface IGoInteger : IGoObject
{
    long Value { get; }
}
