using GitOpsHQ.Fuzz.Tests.Generators;
using GitOpsHQ.Fuzz.Tests.Harness;
using GitOpsHQ.Server.Errors;
using GitOpsHQ.Server.Registry;

namespace GitOpsHQ.Fuzz.Tests.Targets;

/// <summary>The registry's manifest reading: a manifest or index is read, or refused as MANIFEST_INVALID (a ProductException).</summary>
public static class ManifestTargets
{
    private static readonly string?[] ContentTypes = [null, "", "application/vnd.oci.image.manifest.v1+json", "application/vnd.oci.image.index.v1+json", "application/json", "application/vnd.oci.image.manifest.v1+json; charset=utf-8"];

    public static readonly FuzzTarget Manifest = new()
    {
        Name = "oci-manifest",
        CiCases = 3000,
        Generate = ManifestGen.Generate,
        Check = (input, unused) =>
        {
            // The content type rides in the input's length, so a regression file replays the same request.
            var contentType = ContentTypes[input.Length % ContentTypes.Length];
            var manifest = OciManifestJson.Parse(contentType, input);
            if (!OciMediaTypes.Manifests.Contains(manifest.MediaType)) throw new PropertyViolation($"accepted media type '{manifest.MediaType}'");
            _ = OciManifestJson.References(manifest).ToList();
        },
        IsRefusal = e => e is ProductException,
    };

    public static IEnumerable<FuzzTarget> All => [Manifest];
}
