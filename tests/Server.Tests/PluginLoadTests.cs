using GitOpsHQ.Server.Hosting;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Plugins are found in the plugins folder; a missing or broken one stops the start, naming it.</summary>
public sealed class PluginLoadTests
{
    private static readonly string Shipped = Path.Combine(AppContext.BaseDirectory, "plugins");

    [Fact]
    public void The_three_plugins_load_from_the_plugins_folder()
    {
        var kinds = ArtifactPluginLoader.Load(Shipped, ["charts", "kustomize-bases", "manifest-bundles"]);
        Assert.Equal(["charts", "kustomize-bases", "manifest-bundles"], kinds.All.Select(k => k.Kind).Order().ToArray());
        Assert.Equal("org-charts", kinds.Get("charts").Collection);
        Assert.Equal("GitOpsHQ.Plugins.Helm", kinds.Get("org-charts").PluginName);
    }

    [Fact]
    public void A_corrupt_plugin_assembly_is_a_startup_error_naming_it()
    {
        var folder = CopyPlugins();
        try
        {
            File.WriteAllText(Path.Combine(folder, "GitOpsHQ.Plugins.Kustomize", "GitOpsHQ.Plugins.Kustomize.dll"), "not an assembly");
            var e = Assert.Throws<PluginLoadException>(() => ServerApp.Build(Args(folder)));
            Assert.Contains("GitOpsHQ.Plugins.Kustomize", e.Message);
            Assert.Contains("failed to load", e.Message);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public void A_plugin_folder_without_its_assembly_is_a_startup_error()
    {
        var folder = CopyPlugins();
        try
        {
            File.Delete(Path.Combine(folder, "GitOpsHQ.Plugins.Helm", "GitOpsHQ.Plugins.Helm.dll"));
            var e = Assert.Throws<PluginLoadException>(() => ServerApp.Build(Args(folder)));
            Assert.Contains("'GitOpsHQ.Plugins.Helm' is broken", e.Message);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public void A_missing_required_kind_is_a_startup_error()
    {
        var folder = CopyPlugins();
        try
        {
            Directory.Delete(Path.Combine(folder, "GitOpsHQ.Plugins.Manifests"), recursive: true);
            var e = Assert.Throws<PluginLoadException>(() => ServerApp.Build(Args(folder)));
            Assert.Contains("manifest-bundles", e.Message);
        }
        finally
        {
            TempFolder.Delete(folder);
        }
    }

    [Fact]
    public void A_missing_plugins_folder_is_a_startup_error()
    {
        var e = Assert.Throws<PluginLoadException>(() => ServerApp.Build(Args("/nonexistent/plugins")));
        Assert.Contains("does not exist", e.Message);
    }

    private static string[] Args(string plugins) =>
        ["--data", TempFolder.Create("plugin-data"), "--plugins", plugins, "--urls", "http://127.0.0.1:0"];

    private static string CopyPlugins()
    {
        var target = TempFolder.Create("plugins");
        foreach (var file in Directory.GetFiles(Shipped, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(Shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }
}
