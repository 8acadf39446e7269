using System.Net;
using GitOpsHQ.Server.Catalog;
using Microsoft.Extensions.DependencyInjection;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>A server stopped between a version's tag and its publisher record finishes the record at its next start.</summary>
public sealed class PublicationJournalTests
{
    [Fact]
    public async Task A_tag_left_without_its_publisher_is_completed_from_the_journal_and_a_tag_that_never_landed_is_forgotten()
    {
        var data = TempFolder.Create("journal");
        try
        {
            string head;
            PublicationJournal journal;
            await using (var server = await TestServer.StartAsync(data))
            {
                using var api = server.Http();
                Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
                var (_, tree) = await api.Get("/api/v2/org-manifest-bundles/b/tree");
                head = tree.Str("commit");
                journal = server.Services.GetRequiredService<PublicationJournal>();
            }

            // What a server killed mid-publication leaves: the journal entry and the tag, but no publisher note; and an
            // entry for a version whose tag never landed.
            var at = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
            Server.Audit.PendingRecord Record(string version) => new(at.ToUnixTimeMilliseconds(), "erin", "203.0.113.9", "token:7", "git", "version.published",
                "manifest-bundles", "b", version, "{\"source\":\"git-push\"}");
            journal.Begin("manifest-bundles", "b", "1.0.0", new Actor("erin", "Erin Example", "erin@example.com"), PublishSource.GitPush, at, null, Record("1.0.0"));
            journal.Begin("manifest-bundles", "b", "2.0.0", new Actor("erin", "Erin Example", "erin@example.com"), PublishSource.Api, at, null, Record("2.0.0"));
            var repo = Path.Combine(data, "repos", "manifest-bundles", "b.git");
            Command.Run("git", ["--git-dir=" + repo, "-c", "user.name=Local", "-c", "user.email=local@example.com", "tag", "-a", "1.0.0", "-m", "cut off", head]);

            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var api = restarted.Http();
                var (status, version) = await api.Get("/api/v2/org-manifest-bundles/b/versions/1.0.0");
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal("erin", version["publisher"]!.Str("username"));
                Assert.Equal("git-push", version.Str("source"));
                Assert.Equal(HttpStatusCode.NotFound, (await api.Get("/api/v2/org-manifest-bundles/b/versions/2.0.0")).Status);
                // The version's audit record, as captured when the publication began; none for the version that never landed.
                var (_, audit) = await api.Get("/api/v2/org/audit?action=version.published&artifact=manifest-bundles/b");
                var record = Assert.Single(audit["records"]!.AsArray());
                Assert.Equal(("erin", "1.0.0", "203.0.113.9", "git"),
                    (record!.Str("actor"), record!.Str("targetVersion"), record!.Str("address"), record!.Str("door")));
            }
            Assert.Empty(Directory.GetFiles(Path.Combine(data, "journal"), "*", SearchOption.AllDirectories));
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
