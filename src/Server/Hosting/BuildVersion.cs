using System.Reflection;

namespace GitOpsHQ.Server.Hosting;

/// <summary>
/// The build's version, as GetServerInfo reports it: the assembly's informational version — <c>Version</c> in
/// Directory.Build.props, plus <c>+COMMIT</c> when built in a Git checkout — with the commit shortened to 7 characters.
/// </summary>
public static class BuildVersion
{
    public static string Text { get; } = Shorten(typeof(BuildVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    public static string Shorten(string informational)
    {
        var plus = informational.IndexOf('+');
        if (plus < 0) return informational;
        var metadata = informational[(plus + 1)..];
        return metadata.Length > 7 && metadata.All(char.IsAsciiHexDigit) ? informational[..(plus + 8)] : informational;
    }
}
