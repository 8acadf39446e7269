using GitOpsHQ.GoTemplate;
using GitOpsHQ.GoTemplate.Functions;
using GitOpsHQ.GoTemplate.Functions.Sprig;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>
/// Renders one template with Go's and Sprig's functions over the shared fixture data (missingkey=zero). Output is
/// text/template's own: a nil result prints <c>&lt;no value&gt;</c>, which only Helm removes.
/// </summary>
internal static class SprigEngine
{
    public static string Render(string text) => Render(text, SprigOptions.Default);

    /// <summary>Renders with Sprig's clock, randomness and deterministic mode set by <paramref name="options"/>.</summary>
    public static string Render(string text, SprigOptions options)
    {
        var set = new TemplateSet(functions: new FunctionRegistry().IncludeSprig(options)) { MissingKey = MissingKeyMode.Zero };
        set.Parse(Engine.Name, text);
        return set.Execute(Engine.Name, Fixture.Data());
    }

    public static string Error(string text) => Error(text, SprigOptions.Default);

    public static string Error(string text, SprigOptions options) => Assert.ThrowsAny<TemplateException>(() => Render(text, options)).Message;

    /// <summary>The error text after Go's location prefix: <c>error calling NAME: …</c>.</summary>
    public static string CallError(string text) => CallError(text, SprigOptions.Default);

    public static string CallError(string text, SprigOptions options)
    {
        var message = Error(text, options);
        return message[message.IndexOf("error calling", StringComparison.Ordinal)..];
    }
}
