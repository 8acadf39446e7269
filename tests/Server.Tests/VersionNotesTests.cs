using System.Net;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Who published a version is a Git note on its tag object: notes git wrote (flat) are read, and the notes the server
/// writes are fanned out as git fans out many notes, readable by git itself.
/// </summary>
public sealed class VersionNotesTests
{
    [Fact]
    public async Task Flat_notes_are_read_and_fanned_out_at_the_next_publish()
    {
        var data = TempFolder.Create("vnotes");
        try
        {
            await using var server = await TestServer.StartAsync(data);
            using var api = server.Http();
            await api.Post("/api/v2/org-manifest-bundles", new { name = "app", scaffold = true });
            var repository = server.RepositoryPath("manifest-bundles", "app");
            string[] identity = ["-c", "user.name=Someone", "-c", "user.email=someone@example.com"];
            Git.Run(repository, [.. identity, "tag", "-a", "1.0.0", "-m", "by hand", "main"]);
            var tagObject = Git.Run(repository, "rev-parse", "refs/tags/1.0.0").Trim();
            Git.Run(repository, [.. identity, "notes", "--ref", "publishers", "add", "-m",
                "publisher: alice\nname: Alice\nemail: alice@example.com\nsource: git-push\npublished-at: 1700000000", tagObject]);
            Assert.Contains(tagObject, Git.Run(repository, "ls-tree", "--name-only", "refs/notes/publishers"));

            var (status, version) = await api.Get("/api/v2/org-manifest-bundles/app/versions/1.0.0");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(("alice", "git-push"), (version["publisher"]!.Str("username"), version.Str("source")));

            (status, _) = await api.Post("/api/v2/org-manifest-bundles/app/versions", new { version = "1.1.0" });
            Assert.Equal(HttpStatusCode.Created, status);
            var top = Git.Run(repository, "ls-tree", "--name-only", "refs/notes/publishers").Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.All(top, name => Assert.Equal(2, name.Length));
            Assert.Contains("publisher: alice", Git.Run(repository, "notes", "--ref", "publishers", "show", tagObject));
            var published = Git.Run(repository, "rev-parse", "refs/tags/1.1.0").Trim();
            Assert.Contains("source: api", Git.Run(repository, "notes", "--ref", "publishers", "show", published));
            (_, version) = await api.Get("/api/v2/org-manifest-bundles/app/versions/1.0.0");
            Assert.Equal("alice", version["publisher"]!.Str("username"));

            // Later notes go into the fanned-out tree as git would write it.
            foreach (var next in new[] { "1.2.0", "1.3.0", "1.4.0" })
            {
                (status, _) = await api.Post("/api/v2/org-manifest-bundles/app/versions", new { version = next });
                Assert.Equal(HttpStatusCode.Created, status);
            }
            Git.Run(repository, "fsck", "--strict", "--no-dangling");
            foreach (var next in new[] { "1.1.0", "1.2.0", "1.3.0", "1.4.0" })
            {
                Assert.Contains("source: api", Git.Run(repository, "notes", "--ref", "publishers", "show", "refs/tags/" + next + "^{tag}"));
                (_, version) = await api.Get("/api/v2/org-manifest-bundles/app/versions/" + next);
                Assert.Equal("api", version.Str("source"));
            }
            Assert.Contains("publisher: alice", Git.Run(repository, "notes", "--ref", "publishers", "show", tagObject));
            Assert.All(Git.Run(repository, "ls-tree", "--name-only", "refs/notes/publishers").Split('\n', StringSplitOptions.RemoveEmptyEntries),
                name => Assert.Equal(2, name.Length));
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
