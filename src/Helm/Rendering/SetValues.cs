namespace GitOpsHQ.Helm.Rendering;

/// <summary>
/// Helm's value flags applied over the merged values files: first every <c>--set-json</c>, then <c>--set</c>,
/// <c>--set-string</c>, <c>--set-file</c> and <c>--set-literal</c>, each kind in command-line order, so a later kind wins over an
/// earlier one whatever order the flags were written in. Each flag reads and extends the same map, so
/// <c>--set list[1]=x</c> changes the second item of a list a values file set.
/// </summary>
public static class SetValues
{
    private static readonly ValueOverrideKind[] HelmOrder =
        [ValueOverrideKind.SetJson, ValueOverrideKind.Set, ValueOverrideKind.SetString, ValueOverrideKind.SetFile, ValueOverrideKind.SetLiteral];

    /// <summary>Applies the flags to <paramref name="values"/> (changed in place) in Helm's order.</summary>
    /// <exception cref="RenderException">A flag is malformed; the message is Helm's ("failed parsing --set data: …").</exception>
    public static void Apply(Dictionary<string, object?> values, IEnumerable<ValueOverride> overrides)
    {
        var ordered = overrides.Select((flag, i) => (flag, i))
            .OrderBy(x => Array.IndexOf(HelmOrder, x.flag.Kind))
            .ThenBy(x => x.i)
            .Select(x => x.flag);
        foreach (var flag in ordered)
        {
            Apply(values, flag);
        }
    }

    /// <summary>Applies one flag to <paramref name="values"/> (changed in place).</summary>
    /// <exception cref="RenderException">The flag is malformed; the message is Helm's.</exception>
    public static void Apply(Dictionary<string, object?> values, ValueOverride flag)
    {
        switch (flag.Kind)
        {
            case ValueOverrideKind.SetJson:
                ApplyJson(values, flag.Text);
                return;
            case ValueOverrideKind.Set:
                Parse(values, flag, SetValuesParser.Mode.Typed);
                return;
            case ValueOverrideKind.SetString:
                Parse(values, flag, SetValuesParser.Mode.String);
                return;
            case ValueOverrideKind.SetLiteral or ValueOverrideKind.SetFile:
                Parse(values, flag, SetValuesParser.Mode.Literal);
                return;
            default:
                throw new RenderException($"unknown value flag kind {flag.Kind}");
        }
    }

    /// <summary>The map one flag's text gives on its own (for tests and previews).</summary>
    public static Dictionary<string, object?> Parse(ValueOverride flag)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        Apply(values, flag);
        return values;
    }

    private static void Parse(Dictionary<string, object?> values, ValueOverride flag, SetValuesParser.Mode mode)
    {
        try
        {
            SetValuesParser.Parse(flag.Text, values, mode);
        }
        catch (SetValuesException e)
        {
            throw new RenderException($"failed parsing {flag.Flag} data: {e.Message}", e);
        }
    }

    // Helm takes a text that starts with '{' as one JSON object merged over the values, anything else as
    // key=JSON assignments; its errors then quote the flag but not the cause.
    private static void ApplyJson(Dictionary<string, object?> values, string text)
    {
        var trimmed = text.Trim();
        try
        {
            if (trimmed.StartsWith('{'))
            {
                if (GoJsonScanner.ReadWhole(trimmed) is not Dictionary<string, object?> map)
                {
                    throw new SetValuesException("not a JSON object");
                }
                MergeInto(values, map);
                return;
            }
            SetValuesParser.Parse(text, values, SetValuesParser.Mode.Json);
        }
        catch (SetValuesException e)
        {
            var what = trimmed.StartsWith('{') ? "data JSON:" : "data";
            throw new RenderException($"failed parsing --set-json {what} {text}", e);
        }
    }

    // Maps merge key by key, any other value replaces what was there.
    private static void MergeInto(Dictionary<string, object?> under, Dictionary<string, object?> over)
    {
        foreach (var (key, value) in over)
        {
            if (value is Dictionary<string, object?> map && under.GetValueOrDefault(key) is Dictionary<string, object?> existing)
            {
                MergeInto(existing, map);
            }
            else
            {
                under[key] = value;
            }
        }
    }
}
