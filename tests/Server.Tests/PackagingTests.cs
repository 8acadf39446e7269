using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>Packages of a version are a pure function of its tag: the same bytes across server runs.</summary>
public sealed class PackagingTests
{
    [Theory]
    [InlineData("org-charts", "0.1.0", "web-0.1.0.tgz")]
    [InlineData("org-kustomize-bases", "1.0.0", "web-1.0.0.tar.gz")]
    [InlineData("org-manifest-bundles", "1.0.0", "web-1.0.0.tar.gz")]
    public async Task The_same_tag_packages_to_the_same_bytes_across_two_server_runs(string collection, string version, string filename)
    {
        var data = TempFolder.Create("packaging");
        try
        {
            byte[] first;
            await using (var server = await TestServer.StartAsync(data))
            {
                using var http = server.Http();
                Assert.Equal(HttpStatusCode.Created, (await http.Post($"/api/v2/{collection}", new { name = "web", scaffold = true })).Status);
                Assert.Equal(HttpStatusCode.Created, (await http.Post($"/api/v2/{collection}/web/versions", new { version })).Status);
                var (_, package) = await http.Get($"/api/v2/{collection}/web/versions/{version}/package");
                Assert.Equal(filename, package.Str("filename"));
                first = Convert.FromBase64String(package.Str("content"));
                // Later edits on main do not change a published version's package.
                await http.WriteFile(collection, "web", "NOTES.md", "later\n");
                var (_, again) = await http.Get($"/api/v2/{collection}/web/versions/{version}/package");
                Assert.Equal(first, Convert.FromBase64String(again.Str("content")));
            }

            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var http = restarted.Http();
                var (_, package) = await http.Get($"/api/v2/{collection}/web/versions/{version}/package");
                Assert.Equal(first, Convert.FromBase64String(package.Str("content")));
                Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(first)), package.Str("digest"));
            }

            Assert.DoesNotContain(Entries(first), e => e.EndsWith("NOTES.md"));
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }

    private static List<string> Entries(byte[] archive)
    {
        using var gzip = new GZipStream(new MemoryStream(archive), CompressionMode.Decompress);
        using var tar = new TarReader(gzip);
        var names = new List<string>();
        while (tar.GetNextEntry() is { } entry) names.Add(entry.Name);
        return names;
    }
}
