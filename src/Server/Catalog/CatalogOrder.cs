using GitOpsHQ.Server.Errors;
using GitOpsHQ.Versions;

namespace GitOpsHQ.Server.Catalog;

/// <summary>
/// An order a catalog can be listed in (<c>order_by</c>): by name, by the time of the last change ("updated") or by latest
/// version, each ascending or, with a leading '-', descending; artifacts that tie are in name order. Latest versions compare
/// as Helm reads versions (SemVer precedence); artifacts without a version come first, then versions that are not SemVer
/// (by text), then SemVer versions.
/// </summary>
public sealed class CatalogOrder : IComparer<ArtifactSummary>
{
    public static readonly IReadOnlyList<string> Names = ["name", "-name", "updated", "-updated", "latest_version", "-latest_version"];

    public static readonly CatalogOrder ByName = new("name");

    private readonly string _field;
    private readonly bool _descending;
    private readonly Dictionary<string, SemanticVersion?> _versions = new(StringComparer.Ordinal);

    private CatalogOrder(string name)
    {
        Name = name;
        _descending = name.StartsWith('-');
        _field = name.TrimStart('-');
    }

    public string Name { get; }

    public static CatalogOrder Parse(string? orderBy)
    {
        var name = (orderBy ?? "").Trim();
        if (name is "" or "name") return ByName;
        return Names.Contains(name)
            ? new CatalogOrder(name)
            : throw new ProductException(ErrorCode.RequestInvalid, $"order_by '{orderBy}' is not an order; use one of {string.Join(", ", Names)}.");
    }

    public int Compare(ArtifactSummary? a, ArtifactSummary? b)
    {
        var byField = _field switch
        {
            "updated" => a!.UpdatedAt.CompareTo(b!.UpdatedAt),
            "latest_version" => CompareVersions(a!.LatestVersion, b!.LatestVersion),
            _ => 0,
        };
        if (_descending) byField = -byField;
        if (byField != 0) return byField;
        var byName = string.CompareOrdinal(a!.Name, b!.Name);
        return _descending && _field == "name" ? -byName : byName;
    }

    /// <summary>What a page token keeps of the last artifact of a page: the value ordered by, then the name.</summary>
    public string KeyOf(ArtifactSummary a) => _field switch
    {
        "updated" => a.UpdatedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
        "latest_version" => a.LatestVersion,
        _ => a.Name,
    };

    /// <summary>A stand-in for the artifact a page token names, to find where the next page starts (it may have changed or gone).</summary>
    public ArtifactSummary Probe(string key, string name)
    {
        var updated = _field == "updated" && long.TryParse(key, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : DateTimeOffset.MinValue;
        return new ArtifactSummary("", name, "", _field == "latest_version" ? key : "", 0, "", updated, updated);
    }

    private int CompareVersions(string a, string b)
    {
        if (a == b) return 0;
        var (va, vb) = (Version(a), Version(b));
        var byKind = Rank(a, va).CompareTo(Rank(b, vb));
        if (byKind != 0) return byKind;
        var byPrecedence = va is not null && vb is not null ? va.CompareTo(vb) : 0;
        return byPrecedence != 0 ? byPrecedence : string.CompareOrdinal(a, b);
    }

    private static int Rank(string text, SemanticVersion? version) => text == "" ? 0 : version is null ? 1 : 2;

    private SemanticVersion? Version(string text)
    {
        if (!_versions.TryGetValue(text, out var version)) _versions[text] = version = text == "" ? null : SemanticVersion.TryParse(text);
        return version;
    }
}
