using GitOpsHQ.Contracts.Plugins.V1;
using Google.Protobuf;
using Grpc.Core;
using McMaster.NETCore.Plugins;

namespace GitOpsHQ.Server.Plugins;

/// <summary>
/// Loads every plugin folder under the plugins path (<c>plugins/&lt;Name&gt;/&lt;Name&gt;.dll</c>) with the
/// contract types shared with the host. A plugin that is missing, broken or provides no
/// <c>ArtifactHandler</c> stops the start with its name and the reason.
/// </summary>
public static class ArtifactPluginLoader
{
    private static readonly Type[] SharedTypes =
    [
        typeof(ArtifactHandler.ArtifactHandlerBase), typeof(IMessage), typeof(ServerCallContext),
    ];

    public static ArtifactKinds Load(string pluginsPath, IReadOnlyCollection<string> requiredKinds)
    {
        if (!Directory.Exists(pluginsPath))
            throw new PluginLoadException($"The plugins folder '{pluginsPath}' does not exist; build the server (the build copies the plugins there) or set Plugins:Path.");

        var kinds = new List<ArtifactKind>();
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
            kinds.AddRange(LoadFolder(folder));

        var loaded = new ArtifactKinds(kinds);
        var missing = requiredKinds.Where(k => !loaded.TryGet(k, out _)).ToList();
        if (missing.Count > 0)
            throw new PluginLoadException($"No plugin provides the artifact kind(s) {string.Join(", ", missing)} (plugins folder '{pluginsPath}', loaded: {Describe(loaded)}).");
        return loaded;
    }

    private static IEnumerable<ArtifactKind> LoadFolder(string folder)
    {
        var name = Path.GetFileName(folder);
        var assemblyFile = Path.Combine(folder, name + ".dll");
        if (!File.Exists(assemblyFile))
            throw new PluginLoadException($"Plugin '{name}' is broken: '{assemblyFile}' is missing.");

        Type[] handlerTypes;
        try
        {
            var loader = PluginLoader.CreateFromAssemblyFile(assemblyFile, SharedTypes, config => config.PreferSharedTypes = true);
            handlerTypes = loader.LoadDefaultAssembly().GetExportedTypes()
                .Where(t => !t.IsAbstract && typeof(ArtifactHandler.ArtifactHandlerBase).IsAssignableFrom(t))
                .ToArray();
        }
        catch (Exception e)
        {
            throw new PluginLoadException($"Plugin '{name}' failed to load from '{assemblyFile}': {e.Message}", e);
        }
        if (handlerTypes.Length == 0)
            throw new PluginLoadException($"Plugin '{name}' provides no ArtifactHandler implementation.");

        foreach (var type in handlerTypes)
        {
            ArtifactHandler.ArtifactHandlerBase handler;
            DescribeResponse description;
            try
            {
                handler = (ArtifactHandler.ArtifactHandlerBase)Activator.CreateInstance(type)!;
                description = handler.Describe(new DescribeRequest(), new Contracts.InProcessCallContext("Describe", CancellationToken.None)).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                throw new PluginLoadException($"Plugin '{name}' ({type.FullName}) failed to start: {e.InnerException?.Message ?? e.Message}", e);
            }
            if (string.IsNullOrEmpty(description.Kind) || string.IsNullOrEmpty(description.Collection))
                throw new PluginLoadException($"Plugin '{name}' ({type.FullName}) describes no kind or collection.");
            yield return new ArtifactKind(description, name, handler);
        }
    }

    private static string Describe(ArtifactKinds kinds) =>
        kinds.All.Count == 0 ? "none" : string.Join(", ", kinds.All.Select(k => $"{k.Kind} ({k.PluginName})"));
}

public sealed class PluginLoadException(string message, Exception? inner = null) : Exception(message, inner);
