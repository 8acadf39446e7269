using GitOpsHQ.Files;
using GitOpsHQ.Contracts.Plugins.V1;
using GitOpsHQ.Plugins.Sdk.Validation;
using GitOpsHQ.Plugins.Sdk.Yaml;

namespace GitOpsHQ.Plugins.Manifests.Bundles;

/// <summary>
/// A bundle rendered is the bundle itself: every document of every manifest file, files in
/// path order and documents in file order, as one YAML stream. Each document keeps its
/// original text and comments. Nothing is rendered when a file is not valid YAML.
/// </summary>
internal static class BundleRender
{
    private const string Separator = "---\n";

    public static RenderResponse Run(FileSet files, CancellationToken cancellationToken)
    {
        var report = new ValidationReport();
        var documents = new List<string>();
        foreach (var path in files.Paths.Where(BundleLayout.IsManifest))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (YamlFile.Load(files, path, report) is { } yaml)
            {
                documents.AddRange(YamlDocumentText.NonEmptyDocuments(yaml.Text));
            }
        }

        var response = new RenderResponse();
        response.Diagnostics.AddRange(report.ToResponse().Diagnostics);
        if (!report.HasErrors)
        {
            response.Manifests = string.Join(Separator, documents);
        }

        return response;
    }
}
