namespace GitOpsHQ.Server.Errors;

/// <summary>An expected failure a caller can act on: a code from the table and a message for a person.</summary>
public sealed class ProductException(ErrorCode error, string message, IReadOnlyList<string>? details = null)
    : Exception(message)
{
    public ErrorCode Error { get; } = error;

    /// <summary>Further lines for the person (e.g. each validation finding).</summary>
    public IReadOnlyList<string> Details { get; } = details ?? [];
}
