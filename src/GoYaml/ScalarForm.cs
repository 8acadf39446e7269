using System.Text;

namespace GitOpsHQ.GoYaml;

/// <summary>The ways a string is printed.</summary>
internal enum ScalarForm
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// <summary>Which form a string is printed in.</summary>
internal static class ScalarForms
{
    /// <summary>
    /// A value with a '\n' is a literal block when it can be one, else double-quoted. Any other
    /// string is plain if it reads back as the same string and plain can hold it, else single-quoted
    /// if those can hold it, else double-quoted. Keys never hold line breaks (they are refused first).
    /// "&lt;&lt;" counts as another type when <paramref name="quoteMergeKey"/> is set.
    /// </summary>
    public static ScalarForm For(string text, Rune[] characters, bool isKey, bool quoteMergeKey)
    {
        if (!isKey && text.Contains('\n', StringComparison.Ordinal))
        {
            return TextRules.CanBeLiteral(characters) ? ScalarForm.Literal : ScalarForm.DoubleQuoted;
        }

        if (!ImplicitTypes.ReadsAsString(text) || (quoteMergeKey && text == "<<"))
        {
            return ScalarForm.DoubleQuoted;
        }

        return TextRules.CanBePlain(characters) ? ScalarForm.Plain
            : TextRules.CanBeSingleQuoted(characters) ? ScalarForm.SingleQuoted
            : ScalarForm.DoubleQuoted;
    }
}
