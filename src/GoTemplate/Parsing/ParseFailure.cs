namespace GitOpsHQ.GoTemplate.Parsing;

/// <summary>Ends parsing at the first error; the parser turns it into a <see cref="TemplateParseException"/>.</summary>
internal sealed class ParseFailure(string message, int line) : Exception(message)
{
    public int Line { get; } = line;
}
