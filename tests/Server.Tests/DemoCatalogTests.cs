using GitOpsHQ.Cli;
using GitOpsHQ.Sdk;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

public sealed class DemoCatalogTests
{
    [Fact]
    public async Task The_demo_catalog_has_versions_by_several_authors_through_the_sdk()
    {
        await using var server = await TestServer.StartAsync();
        using var admin = GitOpsHQClient.Connect(server.Url, server.AdminToken);

        var result = await new DemoPlan(seed: 7, charts: 3, bases: 2, bundles: 2, versionsEach: 2).RunAsync(admin, server.Url, CancellationToken.None);

        Assert.Equal(new DemoResult(7, 14, 5), result);
        var charts = await admin.ListAllAsync(Collections.Charts).ToListAsync();
        Assert.Equal(3, charts.Count);
        Assert.All(charts, c => Assert.Equal(2, c.VersionCount));
        var publishers = new HashSet<string>();
        foreach (var collection in new[] { Collections.Charts, Collections.KustomizeBases, Collections.ManifestBundles })
        await foreach (var artifact in admin.ListAllAsync(collection))
        {
            var versions = await admin.Catalog.ListVersionsAsync(new() { Collection = collection, Name = artifact.Name });
            foreach (var v in versions.Versions) publishers.Add(v.Publisher.Username);
        }
        Assert.True(publishers.Count >= 3, string.Join(", ", publishers));
        Assert.DoesNotContain("admin", publishers);
    }
}
