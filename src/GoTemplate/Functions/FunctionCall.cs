namespace GitOpsHQ.GoTemplate.Functions;

/// <summary>
/// What a function sees of the execution calling it: its name, the cancellation token, and the templates it
/// may execute (for functions such as Helm's <c>include</c>).
/// </summary>
public sealed class FunctionCall
{
    private readonly Func<string, object?, string>? _executeTemplate;
    private readonly Func<TemplateSet, string, object?, string>? _executeIn;

    internal FunctionCall(string name, TemplateSet? templates, CancellationToken cancellation, Func<string, object?, string>? executeTemplate,
        Func<TemplateSet, string, object?, string>? executeIn = null)
    {
        Name = name;
        Templates = templates;
        CancellationToken = cancellation;
        _executeTemplate = executeTemplate;
        _executeIn = executeIn;
    }

    public string Name { get; }

    /// <summary>The template set being executed; null when the call does not come from a template.</summary>
    public TemplateSet? Templates { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// Executes a named template of the set with the given data and returns its output. Depth, output and
    /// cancellation limits of the calling execution apply.
    /// </summary>
    public string ExecuteTemplate(string name, object? data) =>
        _executeTemplate is null
            ? throw new InvalidOperationException("This function call is not part of a template execution.")
            : _executeTemplate(name, data);

    /// <summary>
    /// Executes a named template of another set (a copy of this one with more definitions, as Helm's <c>tpl</c>
    /// makes) one level deeper in the calling execution: its depth, output and cancellation limits apply.
    /// </summary>
    public string ExecuteIn(TemplateSet templates, string name, object? data) =>
        _executeIn is null
            ? throw new InvalidOperationException("This function call is not part of a template execution.")
            : _executeIn(templates, name, data);

    /// <summary>The same execution, calling another function.</summary>
    internal FunctionCall For(string name) => new(name, Templates, CancellationToken, _executeTemplate, _executeIn);

    /// <summary>A call from outside any template execution (for example a String method used by printing).</summary>
    public static FunctionCall Detached(string name) => new(name, null, CancellationToken.None, null);
}
