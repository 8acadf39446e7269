namespace GitOpsHQ.Server.Hosting;

/// <summary>Where the server keeps its data (`--data DIR`).</summary>
public sealed class DataOptions
{
    public const string Section = "Data";

    /// <summary>Root of repos/, the database, keys and caches. Defaults to ./data.</summary>
    public string Path { get; set; } = "data";
}

/// <summary>Where artifact plugins are loaded from and which kinds must be present (section `Plugins`).</summary>
public sealed class PluginOptions
{
    public const string Section = "Plugins";

    /// <summary>Folder of plugin folders; defaults to `plugins` next to the server.</summary>
    public string Path { get; set; } = "";

    /// <summary>Artifact kinds the server refuses to start without.</summary>
    public List<string> Required { get; set; } = [];
}
