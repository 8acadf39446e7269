using System.Net;
using System.Net.Http.Json;
using GitOpsHQ.Server.Tests.Support;

namespace GitOpsHQ.Server.Tests;

/// <summary>
/// Every writer of an artifact holds one write scope and moves refs by compare-and-swap: an API edit racing a `git push`
/// to main, or an API publish racing a pushed tag for the same registry tag, never loses a write that was reported as
/// landed — one lands, the other is refused. Rounds: GITOPSHQ_RACE_ROUNDS (default 30).
/// </summary>
public sealed class WriteRaceTests
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("GITOPSHQ_RACE_ROUNDS"), out var n) && n > 0 ? n : 30;

    private static async Task<(TestServer Server, GitClient Git, string Clone)> StartWithCloneAsync(string name, string? data = null)
    {
        var server = await TestServer.StartAsync(data);
        using var api = server.Http();
        Assert.Equal(HttpStatusCode.Created, (await api.Post("/api/v2/org-manifest-bundles", new { name, scaffold = true })).Status);
        var git = new GitClient(TempFolder.Create("race-git"));
        git.Run(null, "clone", "-q", GitClient.Url(server, server.AdminToken, "manifest-bundles", name), "work");
        return (server, git, Path.Combine(git.Root, "work"));
    }

    private static string Sync(GitClient git, string clone)
    {
        git.Run(clone, "fetch", "-q", "origin");
        git.Run(clone, "reset", "-q", "--hard", "origin/main");
        return git.Run(clone, "rev-parse", "HEAD").Trim();
    }

    private static async Task<(bool Landed, string Said)> ApiWriteAsync(HttpClient api, string name, string path, string text, string baseCommit)
    {
        var response = await api.PutAsJsonAsync($"/api/v2/org-manifest-bundles/{name}/files/{path}", new { text, baseCommit, message = $"API writes {path}" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{response.StatusCode}: {body}");
        return (response.StatusCode == HttpStatusCode.OK, body);
    }

    [Fact]
    public async Task An_api_edit_racing_a_git_push_to_main_never_loses_either_commit()
    {
        var (server, git, clone) = await StartWithCloneAsync("race");
        await using var _ = server;
        try
        {
            using var api = server.Http();
            var large = new string('x', 1 << 20);
            var landed = (Api: 0, Push: 0);
            for (var round = 0; round < Rounds; round++)
            {
                var head = Sync(git, clone);
                File.WriteAllText(Path.Combine(clone, $"pushed-{round}.yaml"), $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: pushed-{round}\n");
                git.Run(clone, "add", ".");
                git.Run(clone, "commit", "-qm", $"push {round}");

                // Both start from the same head; which one starts first alternates.
                var push = round % 2 == 0 ? Task.Run(() => git.Try(clone, "push", "-q", "origin", "main")) : null;
                var edit = ApiWriteAsync(api, "race", "api.txt", $"round {round}\n{large}", head);
                push ??= Task.Run(() => git.Try(clone, "push", "-q", "origin", "main"));
                var (apiLanded, apiSaid) = await edit;
                var pushed = await push;

                var files = Git.Run(server.RepositoryPath("manifest-bundles", "race"), "ls-tree", "--name-only", "main");
                var pushLanded = pushed.Code == 0;
                var repo = server.RepositoryPath("manifest-bundles", "race");
                if (apiLanded) Assert.StartsWith($"round {round}\n", Git.Run(repo, "show", "main:api.txt"));
                else Assert.Contains("STALE_WRITE", apiSaid);
                if (pushLanded) Assert.Contains($"pushed-{round}.yaml", files);
                else Assert.Matches("rejected|failed|cannot lock|fetch first|non-fast-forward", pushed.Error);
                // Both were based on one head: exactly one of them moved main.
                Assert.True(apiLanded ^ pushLanded, $"round {round}: api landed {apiLanded}, push landed {pushLanded} ({pushed.Error})");
                landed = (landed.Api + (apiLanded ? 1 : 0), landed.Push + (pushLanded ? 1 : 0));
            }
            Assert.Equal(Rounds, landed.Api + landed.Push);
            Assert.Equal("", Git.TryRun(server.RepositoryPath("manifest-bundles", "race"), "fsck", "--strict").Error.Trim());
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }

    [Fact]
    public async Task An_api_publish_racing_a_pushed_tag_for_the_same_registry_tag_makes_exactly_one_version()
    {
        var (server, git, clone) = await StartWithCloneAsync("tags");
        await using var _ = server;
        try
        {
            using var api = server.Http();
            Sync(git, clone);
            for (var round = 0; round < Rounds; round++)
            {
                // "1.R.0_a" over the API and "1.R.0+a" by git are one registry tag, 1.R.0_a.
                git.Run(clone, "tag", "-a", $"1.{round}.0+a", "-m", $"pushed {round}");
                // One starts first (alternating) and the other follows after 0 to 120 ms, so it meets each stage of the first.
                var delay = TimeSpan.FromMilliseconds(round / 2 % 7 * 20);
                Task<(int Code, string Output, string Error)> push;
                Task<HttpResponseMessage> publish;
                if (round % 2 == 0)
                {
                    push = Task.Run(() => git.Try(clone, "push", "-q", "origin", $"1.{round}.0+a"));
                    await Task.Delay(delay);
                    publish = api.PostAsJsonAsync("/api/v2/org-manifest-bundles/tags/versions", new { version = $"1.{round}.0_a" });
                }
                else
                {
                    publish = api.PostAsJsonAsync("/api/v2/org-manifest-bundles/tags/versions", new { version = $"1.{round}.0_a" });
                    await Task.Delay(delay);
                    push = Task.Run(() => git.Try(clone, "push", "-q", "origin", $"1.{round}.0+a"));
                }
                var published = await publish;
                var pushed = await push;

                var tags = Git.Run(server.RepositoryPath("manifest-bundles", "tags"), "tag", "--list", $"1.{round}.0*")
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Single(tags);
                Assert.True((published.StatusCode == HttpStatusCode.Created) ^ (pushed.Code == 0),
                    $"round {round}: publish {published.StatusCode}, push exit {pushed.Code} ({pushed.Error})");
                Assert.Equal(published.StatusCode == HttpStatusCode.Created ? $"1.{round}.0_a" : $"1.{round}.0+a", tags[0]);
                if (published.StatusCode != HttpStatusCode.Created)
                    Assert.Contains("already", await published.Content.ReadAsStringAsync());
                else
                    Assert.Contains("registry tag", pushed.Error);
            }
            var (_, versions) = await api.Get($"/api/v2/org-manifest-bundles/tags/versions?pageSize=1000");
            Assert.Equal(Rounds, versions["versions"]!.AsArray().Count);
        }
        finally
        {
            TempFolder.Delete(git.Root);
        }
    }

    [Fact]
    public async Task Writers_on_two_servers_sharing_one_data_folder_never_lose_a_commit()
    {
        var data = TempFolder.Create("race-two");
        var (first, git, clone) = await StartWithCloneAsync("shared", data);
        try
        {
            await using var second = await TestServer.StartAsync(data);
            using var a = first.Http();
            using var b = second.Http();
            var reported = new List<string>();
            for (var round = 0; round < Rounds; round++)
            {
                var (_, tree) = await a.Get("/api/v2/org-manifest-bundles/shared/tree");
                var head = tree.Str("commit");
                var writes = await Task.WhenAll(
                    ApiWriteAsync(a, "shared", $"a-{round}.txt", $"a {round}\n", head),
                    ApiWriteAsync(b, "shared", $"b-{round}.txt", $"b {round}\n", head));
                Assert.Single(writes, w => w.Landed);
                reported.Add(writes[0].Landed ? $"a-{round}.txt" : $"b-{round}.txt");
            }
            var files = Git.Run(first.RepositoryPath("manifest-bundles", "shared"), "ls-tree", "--name-only", "main");
            Assert.All(reported, f => Assert.Contains(f, files));
        }
        finally
        {
            await first.DisposeAsync();
            TempFolder.Delete(git.Root);
            TempFolder.Delete(data);
        }
    }
}
