using GitOpsHQ.GoTemplate;

namespace GitOpsHQ.HelmEngine.Tests;

/// <summary>Parses and executes one template text, as Helm does (missingkey=zero) unless told otherwise.</summary>
internal static class Engine
{
    public const string Name = "t.yaml";

    public static string Render(string text, object? data = null, MissingKeyMode missingKey = MissingKeyMode.Zero, ExecutionLimits? limits = null)
    {
        var set = new TemplateSet { MissingKey = missingKey };
        set.Parse(Name, text);
        return set.Execute(Name, data ?? new Dictionary<string, object?>(), limits);
    }

    /// <summary>The Go error text of a template that fails to parse or execute.</summary>
    public static string Error(string text, object? data = null, MissingKeyMode missingKey = MissingKeyMode.Zero, ExecutionLimits? limits = null)
    {
        var e = Assert.ThrowsAny<TemplateException>(() => Render(text, data, missingKey, limits));
        return e.Message;
    }

    /// <summary>The message of a parse error, which must happen.</summary>
    public static string ParseError(string text)
    {
        var e = Assert.Throws<TemplateParseException>(() => new TemplateSet().Parse(Name, text));
        return e.Message;
    }

    public static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) =>
        entries.ToDictionary(e => e.Key, e => e.Value);

    public static List<object?> List(params object?[] items) => [.. items];
}
