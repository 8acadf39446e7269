using GitOpsHQ.GoTemplate.Formatting;

namespace GitOpsHQ.GoTemplate;

/// <summary>A template failed to parse or execute. The message is Go's text/template error text.</summary>
public abstract class TemplateException : Exception
{
    protected TemplateException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>
/// A template text is malformed: <c>template: NAME:LINE: unexpected "}" in operand</c>.
/// </summary>
public sealed class TemplateParseException : TemplateException
{
    public TemplateParseException(string templateName, int line, string description)
        : base($"template: {templateName}:{line}: {description}")
    {
        TemplateName = templateName;
        Line = line;
        Description = description;
    }

    /// <summary>The name the text was parsed under (for a chart, the template file's path).</summary>
    public string TemplateName { get; }

    public int Line { get; }

    public string Description { get; }
}

/// <summary>
/// Executing a template failed:
/// <c>template: FILE:LINE:COL: executing "NAME" at &lt;.Values.x&gt;: DESCRIPTION</c>.
/// </summary>
public class TemplateExecutionException : TemplateException
{
    public TemplateExecutionException(string templateName, string? location, string? context, string description, Exception? inner = null)
        : this(Compose(templateName, location, context, description), templateName, location, context, description, inner)
    {
    }

    internal TemplateExecutionException(string message, string templateName, string? location, string? context, string description, Exception? inner = null)
        : base(message, inner)
    {
        TemplateName = templateName;
        Location = location;
        Context = context;
        Description = description;
    }

    /// <summary>The template being executed (a file, or a <c>define</c>d name).</summary>
    public string TemplateName { get; }

    /// <summary><c>FILE:LINE:COLUMN</c> of the failing node, when there is one.</summary>
    public string? Location { get; }

    /// <summary>The failing node as written, e.g. <c>.Values.x</c>.</summary>
    public string? Context { get; }

    public string Description { get; }

    private static string Compose(string name, string? location, string? context, string description) =>
        location is null
            ? $"template: {name}: {description}"
            : $"template: {location}: executing {GoQuote.Quote(name)} at <{context}>: {description}";
}

/// <summary>Execution stopped at a configured limit (template depth, output size).</summary>
public sealed class TemplateLimitException(string templateName, string? location, string? context, string description)
    : TemplateExecutionException(templateName, location, context, description);
