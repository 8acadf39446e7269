using System.Text.RegularExpressions;
using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's wording of template errors: <c>parse error at (FILE:LINE): …</c>, and for <c>required</c>/<c>fail</c>
/// <c>execution error at (FILE:LINE:COL): MESSAGE</c>, the message marked so it can be found inside the engine's text.
/// </summary>
public static partial class HelmErrorText
{
    public const string Start = "HELM_ERR_START";
    public const string End = "HELM_ERR_END";

    public static string Parse(string templateName, TemplateParseException error)
    {
        var parts = error.Message.Split(": ");
        return parts.Length == 1
            ? $"parse error in ({templateName}): {error.Message}"
            : $"parse error at ({parts[1]}): {parts[^1]}";
    }

    public static string Execution(string templateName, TemplateExecutionException error)
    {
        var parts = error.Message.Split(": ", 3);
        if (parts.Length != 3)
        {
            return $"execution error in ({templateName}): {error.Message}";
        }
        var marked = Marked().Match(parts[2]);
        return marked.Success ? $"execution error at ({parts[1]}): {marked.Groups[1].Value}" : error.Message;
    }

    [GeneratedRegex(Start + "(.*)" + End, RegexOptions.Singleline)]
    private static partial Regex Marked();
}
