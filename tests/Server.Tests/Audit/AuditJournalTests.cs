using System.Net;
using GitOpsHQ.Server.Audit;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GitOpsHQ.Server.Tests.Audit;

/// <summary>
/// A Git change's audit record is journaled before the change: a server stopped between the change and its record
/// writes the record at its next start when the change landed, and forgets it when it did not.
/// </summary>
public sealed class AuditJournalTests
{
    [Fact]
    public async Task Records_of_changes_that_landed_before_a_stop_are_written_at_the_next_start_and_the_others_forgotten()
    {
        var data = TempFolder.Create("audit-journal");
        try
        {
            string repo;
            await using (var server = await TestServer.StartAsync(data))
            {
                using var api = server.Http();
                Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name = "b", scaffold = true })).Status);
                repo = server.RepositoryPath("manifest-bundles", "b");
                var journal = server.Services.GetRequiredService<AuditJournal>();
                PendingRecord Record(string action) => new(1_800_000_000_000, "erin", "203.0.113.9", "token:7", "rest", action, "manifest-bundles", "b", "", "{}");
                // Journaled, then the server "stops" before writing either record: one change lands, the other never does.
                var before = Command.Run("git", ["--git-dir=" + repo, "rev-parse", "refs/heads/main"]).Output.Trim();
                journal.Begin(Record("files.committed"), AuditJournal.Landing.Moves(repo, new Dictionary<string, string?> { ["refs/heads/main"] = before }));
                journal.Begin(Record("artifact.deleted"), AuditJournal.Landing.Deleted(repo));
            }
            var head = Command.Run("git", ["--git-dir=" + repo, "rev-parse", "refs/heads/main"]).Output.Trim();
            var tree = Command.Run("git", ["--git-dir=" + repo, "rev-parse", "refs/heads/main^{tree}"]).Output.Trim();
            var moved = Command.Run("git", ["--git-dir=" + repo, "-c", "user.name=Erin", "-c", "user.email=erin@example.com", "commit-tree", tree, "-p", head, "-m", "landed"])
                .Output.Trim();
            Command.Run("git", ["--git-dir=" + repo, "update-ref", "refs/heads/main", moved]);

            await using (var restarted = await TestServer.StartAsync(data))
            {
                using var api = restarted.Http();
                var (_, records) = await api.Get("/api/v2/org/audit?artifact=manifest-bundles/b&actor=erin");
                var record = Assert.Single(records["records"]!.AsArray());
                Assert.Equal(("files.committed", "203.0.113.9"), (record!["action"]!.GetValue<string>(), record["address"]!.GetValue<string>()));
            }
            Assert.Empty(Directory.GetFiles(Path.Combine(data, "audit-pending")));
        }
        finally
        {
            TempFolder.Delete(data);
        }
    }
}
