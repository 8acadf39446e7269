namespace GitOpsHQ.Helm.Rendering;

/// <summary>Which command-line flag set a value: <c>--set</c>, <c>--set-string</c>, <c>--set-json</c> or <c>--set-literal</c>.</summary>
public enum ValueOverrideKind
{
    /// <summary><c>--set</c>: typed values (bool, int64, null, string), lists as <c>{a,b}</c>.</summary>
    Set,

    /// <summary><c>--set-string</c>: every value is a string.</summary>
    SetString,

    /// <summary><c>--set-json</c>: values are JSON, or the whole text is one JSON object merged over the values.</summary>
    SetJson,

    /// <summary><c>--set-literal</c>: one assignment whose value is the rest of the text, as is.</summary>
    SetLiteral,

    /// <summary>
    /// <c>--set-file</c>, with the file already read: one assignment whose value is the file's text (the rest of the
    /// text, as is). It applies after --set-string and before --set-literal, as Helm applies it.
    /// </summary>
    SetFile,
}

/// <summary>One value flag as the user wrote it, e.g. <c>new(Set, "image.tag=1.2,replicas=3")</c>.</summary>
public sealed record ValueOverride(ValueOverrideKind Kind, string Text)
{
    /// <summary>The flag's name on Helm's command line.</summary>
    public string Flag => Kind switch
    {
        ValueOverrideKind.Set => "--set",
        ValueOverrideKind.SetString => "--set-string",
        ValueOverrideKind.SetJson => "--set-json",
        ValueOverrideKind.SetFile => "--set-file",
        _ => "--set-literal",
    };
}
