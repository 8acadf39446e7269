using System.Reflection;

namespace GitOpsHQ.Plugins.Sdk;

/// <summary>The version a plugin reports in Describe: its assembly's informational version.</summary>
public static class PluginVersion
{
    public static string Of(Type handlerType)
    {
        var assembly = handlerType.Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "0.0.0";
    }
}
