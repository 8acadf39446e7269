using GitOpsHQ.Plugins.Helm.GoTemplate;
using GitOpsHQ.Plugins.Helm.GoTemplate.Functions;
using GitOpsHQ.Plugins.Helm.GoTemplate.Functions.Sprig;

namespace GitOpsHQ.HelmEngine.Tests.Sprig;

/// <summary>
/// Renders one template with Go's and Sprig's functions over the shared fixture data (missingkey=zero). Output is
/// text/template's own: a nil result prints <c>&lt;no value&gt;</c>, which only Helm removes.
/// </summary>
internal static class SprigEngine
{
    public static string Render(string text)
    {
        var set = new TemplateSet(functions: new FunctionRegistry().IncludeSprig()) { MissingKey = MissingKeyMode.Zero };
        set.Parse(Engine.Name, text);
        return set.Execute(Engine.Name, Fixture.Data());
    }

    public static string Error(string text) => Assert.ThrowsAny<TemplateException>(() => Render(text)).Message;

    /// <summary>The error text after Go's location prefix: <c>error calling NAME: …</c>.</summary>
    public static string CallError(string text)
    {
        var message = Error(text);
        return message[message.IndexOf("error calling", StringComparison.Ordinal)..];
    }
}
