using System.Text.RegularExpressions;

namespace GitOpsHQ.Server.Registry;

public enum RegistryRoute
{
    Base,
    Catalog,
    Tags,
    Manifest,
    Blob,
    Uploads,
    Upload,
    Referrers,
    Unknown,
}

/// <summary>A /v2/ path taken apart: which route, which repository, which reference.</summary>
public sealed partial record RegistryRequest(RegistryRoute Route, string Repository, string Reference)
{
    [GeneratedRegex("^(?<name>.+)/manifests/(?<ref>[^/]+)$")]
    private static partial Regex Manifest();

    [GeneratedRegex("^(?<name>.+)/blobs/uploads/(?<ref>[^/]*)$")]
    private static partial Regex Upload();

    [GeneratedRegex("^(?<name>.+)/blobs/(?<ref>[^/]+)$")]
    private static partial Regex Blob();

    [GeneratedRegex("^(?<name>.+)/tags/list$")]
    private static partial Regex Tags();

    [GeneratedRegex("^(?<name>.+)/referrers/(?<ref>[^/]+)$")]
    private static partial Regex Referrers();

    public static RegistryRequest Parse(string path)
    {
        path = path.TrimStart('/');
        if (path == "") return new RegistryRequest(RegistryRoute.Base, "", "");
        if (path is "_catalog" or "_catalog/") return new RegistryRequest(RegistryRoute.Catalog, "", "");
        if (Manifest().Match(path) is { Success: true } m) return From(RegistryRoute.Manifest, m);
        if (Upload().Match(path) is { Success: true } u)
            return From(u.Groups["ref"].Value == "" ? RegistryRoute.Uploads : RegistryRoute.Upload, u);
        if (Blob().Match(path) is { Success: true } b) return From(RegistryRoute.Blob, b);
        if (Tags().Match(path) is { Success: true } t) return From(RegistryRoute.Tags, t);
        if (Referrers().Match(path) is { Success: true } r) return From(RegistryRoute.Referrers, r);
        return new RegistryRequest(RegistryRoute.Unknown, "", "");
    }

    private static RegistryRequest From(RegistryRoute route, Match match) =>
        new(route, match.Groups["name"].Value, match.Groups["ref"].Success ? match.Groups["ref"].Value : "");
}
