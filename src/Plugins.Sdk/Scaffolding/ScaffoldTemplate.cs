using System.Reflection;
using System.Text;
using Google.Protobuf;
using GitOpsHQ.Contracts.Plugins.V1;

namespace GitOpsHQ.Plugins.Sdk.Scaffolding;

/// <summary>
/// The files of a new artifact, kept in a plugin assembly as embedded resources named
/// "&lt;root&gt;/&lt;path&gt;", with placeholders replaced by the artifact's own values.
/// </summary>
public sealed class ScaffoldTemplate(Assembly assembly, string root)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The files, in ordinal path order, with every placeholder replaced.</summary>
    public ScaffoldResponse Render(IReadOnlyDictionary<string, string> placeholders)
    {
        var prefix = root + "/";
        var response = new ScaffoldResponse();
        var names = assembly.GetManifestResourceNames()
            .Select(name => (Name: name, Path: name.Replace('\\', '/')))
            .Where(resource => resource.Path.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(resource => resource.Path, StringComparer.Ordinal);
        foreach (var (name, path) in names)
        {
            var text = Read(name);
            foreach (var (placeholder, value) in placeholders)
            {
                text = text.Replace(placeholder, value, StringComparison.Ordinal);
            }

            response.Files.Add(new ArtifactFile
            {
                Path = path[prefix.Length..],
                Content = ByteString.CopyFrom(Utf8.GetBytes(text.Replace("\r\n", "\n", StringComparison.Ordinal))),
            });
        }

        if (response.Files.Count == 0)
        {
            throw new InvalidOperationException($"The plugin assembly holds no scaffold files under '{root}'.");
        }

        return response;
    }

    private string Read(string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The scaffold file '{resourceName}' is missing from the plugin.");
        using var reader = new StreamReader(stream, Utf8);
        return reader.ReadToEnd();
    }
}
