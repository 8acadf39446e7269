using System.Text.Json;
using GitOpsHQ.Server.Errors;

namespace GitOpsHQ.Server.Registry;

public sealed partial class RegistryApi
{
    private Task TagsAsync(HttpContext http, string repository)
    {
        List<string> tags;
        if (artifacts.Resolve(repository) is { } artifact)
        {
            if (!artifacts.Exists(artifact)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
            tags = artifacts.Tags(artifact);
        }
        else
        {
            if (!plain.Exists(repository)) throw new ProductException(ErrorCode.NameUnknown, $"There is no repository {repository}.");
            tags = plain.Tags(repository);
        }
        var page = Page(http, tags, $"/v2/{repository}/tags/list");
        return WriteJson(http, 200, JsonSerializer.Serialize(new { name = repository, tags = page }));
    }

    private Task CatalogAsync(HttpContext http)
    {
        var names = plain.Names().Concat(artifacts.Names()).Distinct().Order(StringComparer.Ordinal).ToList();
        return WriteJson(http, 200, JsonSerializer.Serialize(new { repositories = Page(http, names, "/v2/_catalog") }));
    }

    private Task ReferrersAsync(HttpContext http, string repository, string reference)
    {
        var subject = Digest.Parse(reference);
        var referrers = artifacts.Resolve(repository) is { } artifact
            ? artifacts.Exists(artifact) ? artifacts.Referrers(artifact, subject) : []
            : plain.Exists(repository) ? plain.Referrers(repository, subject) : [];
        if (http.Request.Query["artifactType"].ToString() is { Length: > 0 } artifactType)
        {
            referrers = referrers.Where(r => r.ArtifactType == artifactType).ToList();
            http.Response.Headers["OCI-Filters-Applied"] = "artifactType";
        }
        var index = new
        {
            schemaVersion = 2,
            mediaType = OciMediaTypes.ImageIndex,
            manifests = referrers.Select(r => new { mediaType = r.MediaType, digest = r.Digest, size = r.Size, artifactType = r.ArtifactType, annotations = r.Annotations }),
        };
        return WriteJson(http, 200, JsonSerializer.Serialize(index, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull }),
            OciMediaTypes.ImageIndex);
    }

    /// <summary>The spec's pagination: up to n entries after `last`, and a Link to the next page when there is one.</summary>
    private static List<string> Page(HttpContext http, List<string> sorted, string path)
    {
        var last = http.Request.Query["last"].ToString();
        var rest = last == "" ? sorted : sorted.Where(s => string.CompareOrdinal(s, last) > 0).ToList();
        if (http.Request.Query["n"].ToString() is not { Length: > 0 } nText) return rest;
        if (!int.TryParse(nText, out var n) || n < 0) throw new ProductException(ErrorCode.RequestInvalid, "n must be a non-negative number.");
        var page = rest.Take(n).ToList();
        if (rest.Count > n && page.Count > 0)
            http.Response.Headers.Link = $"<{path}?n={n}&last={Uri.EscapeDataString(page[^1])}>; rel=\"next\"";
        return page;
    }
}
