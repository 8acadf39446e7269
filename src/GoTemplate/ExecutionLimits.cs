namespace GitOpsHQ.GoTemplate;

/// <summary>Bounds on one template execution; exceeding one ends it with a <see cref="TemplateLimitException"/>.</summary>
public sealed record ExecutionLimits
{
    public static readonly ExecutionLimits Default = new();

    /// <summary>How deeply templates may call templates (<c>template</c>, <c>block</c>, and functions such as <c>include</c>).</summary>
    public int MaxTemplateDepth { get; init; } = 1000;

    /// <summary>The most bytes (UTF-8) one execution may write.</summary>
    public long MaxOutputBytes { get; init; } = 64L * 1024 * 1024;
}
