using System.CommandLine;
using Bogus;
using GitOpsHQ.Contracts.Catalog.V1;
using GitOpsHQ.Contracts.Org.V1;
using GitOpsHQ.Sdk;
using Grpc.Core;

namespace GitOpsHQ.Cli;

/// <summary>
/// `gitopshq seed-demo`: fills a server with a realistic demo catalog — charts, bases and bundles with
/// several versions each, edited and published by several users. The same seed gives the same catalog.
/// </summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var charts = new Option<int>("--charts") { DefaultValueFactory = _ => 30, Description = "Helm charts to create" };
        var bases = new Option<int>("--bases") { DefaultValueFactory = _ => 10, Description = "Kustomize bases to create" };
        var bundles = new Option<int>("--bundles") { DefaultValueFactory = _ => 10, Description = "Manifest bundles to create" };
        var versions = new Option<int>("--versions") { DefaultValueFactory = _ => 3, Description = "Versions per artifact" };
        var seed = new Option<int>("--seed") { DefaultValueFactory = _ => 1, Description = "Random seed" };
        var command = new Command("seed-demo", "Create a demo catalog on the server (needs an admin token)")
        {
            charts, bases, bundles, versions, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            using var admin = ServerConnection.Connect(parse);
            var plan = new DemoPlan(parse.GetValue(seed), parse.GetValue(charts), parse.GetValue(bases), parse.GetValue(bundles), parse.GetValue(versions));
            var created = await plan.RunAsync(admin, parse.GetValue(ServerConnection.Server)!, ct);
            Console.WriteLine($"demo catalog: {created.Artifacts} artifacts, {created.Versions} versions by {created.Authors} authors");
            return 0;
        });
        return command;
    }
}

public sealed record DemoResult(int Artifacts, int Versions, int Authors);

/// <summary>What the demo catalog holds, generated with Bogus from a seed.</summary>
public sealed class DemoPlan(int seed, int charts, int bases, int bundles, int versionsEach)
{
    private static readonly string[] Words = ["api", "web", "worker", "gateway", "billing", "search", "auth", "cache", "queue", "ledger", "catalog", "media", "notify", "report"];

    public async Task<DemoResult> RunAsync(GitOpsHQClient admin, string serverUrl, CancellationToken ct)
    {
        var faker = new Faker { Random = new Randomizer(seed) };
        var authors = await CreateAuthorsAsync(admin, faker, serverUrl, ct);
        var (artifacts, versions) = (0, 0);
        foreach (var (collection, count) in new[] { (Collections.Charts, charts), (Collections.KustomizeBases, bases), (Collections.ManifestBundles, bundles) })
        {
            foreach (var name in Names(faker, count))
            {
                var author = faker.PickRandom(authors);
                try
                {
                    await author.Catalog.CreateArtifactAsync(new CreateArtifactRequest
                    {
                        Collection = collection, Name = name, Scaffold = true, Description = faker.Company.CatchPhrase(),
                    }, cancellationToken: ct);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
                {
                    continue;
                }
                artifacts++;
                for (var v = 0; v < versionsEach; v++)
                {
                    author = faker.PickRandom(authors);
                    var version = $"{1 + v / 3}.{v % 3}.{faker.Random.Int(0, 4)}";
                    await EditAsync(author, collection, name, version, faker, ct);
                    await author.Catalog.PublishVersionAsync(new PublishVersionRequest
                    {
                        Collection = collection, Name = name, Version = version, Notes = faker.Hacker.Phrase(),
                    }, cancellationToken: ct);
                    versions++;
                }
            }
        }
        return new DemoResult(artifacts, versions, authors.Count);
    }

    private static IEnumerable<string> Names(Faker faker, int count)
    {
        var names = new HashSet<string>();
        while (names.Count < count)
            names.Add($"{faker.PickRandom(Words)}-{faker.PickRandom(Words)}-{faker.Random.Int(1, 99)}");
        return names.Order(StringComparer.Ordinal);
    }

    /// <summary>Every version changes something an author would: the chart version and values, or a config file.</summary>
    private static async Task EditAsync(GitOpsHQClient author, string collection, string name, string version, Faker faker, CancellationToken ct)
    {
        if (collection == Collections.Charts)
        {
            var chart = await author.Catalog.GetFileAsync(new GetFileRequest { Collection = collection, Name = name, Path = "Chart.yaml" }, cancellationToken: ct);
            var lines = chart.Text.Split('\n').Select(l => l.StartsWith("version:") ? $"version: {version}" : l);
            await author.WriteTextAsync(collection, name, "Chart.yaml", string.Join('\n', lines), $"Release {version}", ct);
            return;
        }
        var config = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-release\ndata:\n  version: \"{version}\"\n  owner: \"{faker.Internet.Email()}\"\n";
        var path = collection == Collections.KustomizeBases ? "configmap.yaml" : "release.yaml";
        if (collection == Collections.KustomizeBases)
            config = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}-config\ndata:\n  version: \"{version}\"\n";
        await author.WriteTextAsync(collection, name, path, config, $"Prepare {version}", ct);
    }

    private static async Task<List<GitOpsHQClient>> CreateAuthorsAsync(GitOpsHQClient admin, Faker faker, string serverUrl, CancellationToken ct)
    {
        var authors = new List<GitOpsHQClient>();
        for (var i = 0; i < 5; i++)
        {
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var username = $"{first}.{last}".ToLowerInvariant().Replace("'", "").Replace(" ", "");
            try
            {
                await admin.Org.CreateUserAsync(new CreateUserRequest
                {
                    Username = username, Name = $"{first} {last}", Email = faker.Internet.Email(first, last), Role = Role.Editor,
                }, cancellationToken: ct);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
            {
            }
            var token = await admin.Org.CreateAccessTokenAsync(new CreateAccessTokenRequest { Name = "demo", Username = username, ExpiresInDays = 30 },
                cancellationToken: ct);
            authors.Add(GitOpsHQClient.Connect(serverUrl, token.Secret));
        }
        return authors;
    }
}
