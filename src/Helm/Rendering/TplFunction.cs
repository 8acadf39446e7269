using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Formatting;
using GitOpsHQ.GoTemplate.Functions;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's <c>tpl</c>: renders a text as a template against the chart's templates (a copy, so its definitions
/// stay local) and removes <c>&lt;no value&gt;</c> from the result.
/// </summary>
internal static class TplFunction
{
    public static string Render(FunctionCall call, string text, object? data)
    {
        var templates = call.Templates ?? throw new FunctionException("tpl is only available while rendering a chart");
        var copy = templates.Clone();
        try
        {
            // A nested tpl's copy already holds the outer text under the set's name; an empty inner text must still
            // be what runs (Go executes the template Parse returned, not the name's entry).
            copy.Parse(copy.Name, text, replaceName: true);
        }
        catch (TemplateParseException e)
        {
            throw new FunctionException($"cannot parse template {GoQuote.Quote(text)}: {e.Message}");
        }
        try
        {
            return call.ExecuteIn(copy, copy.Name, data).Replace("<no value>", "", StringComparison.Ordinal);
        }
        catch (TemplateLimitException)
        {
            throw;
        }
        catch (TemplateExecutionException e)
        {
            throw new FunctionException($"error during tpl function execution for {GoQuote.Quote(text)}: {e.Message}");
        }
    }
}
