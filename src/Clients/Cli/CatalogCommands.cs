using System.CommandLine;
using GitOpsHQ.Contracts.Catalog.V1;
using Grpc.Core;

namespace GitOpsHQ.Cli;

/// <summary>Catalog commands: list, create, files, cat, put, rm, validate, diff, changes, publish, versions.</summary>
public static class CatalogCommands
{
    private static readonly Argument<string> Collection = new("catalog")
    {
        Description = "charts, kustomize-bases or manifest-bundles (or org-charts, …)",
    };

    private static readonly Argument<string> Name = new("name") { Description = "Artifact name" };
    private static readonly Argument<string> FilePath = new("path") { Description = "File path inside the artifact" };
    private static readonly Option<string> Ref = new("--ref") { Description = "main (default), a version or a commit" };

    public static IEnumerable<Command> All()
    {
        var search = new Option<string>("--search") { Description = "Name substring" };
        yield return Define("list", "List a catalog", [Collection], [search], async (hq, p, ct) =>
        {
            await foreach (var a in hq.ListAllAsync(p.GetValue(Collection)!, p.GetValue(search) ?? "", ct))
                Console.WriteLine($"{a.Name,-40} {Or(a.LatestVersion, "-"),-16} {a.UpdatedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm}  {a.Description}");
        });

        var scaffold = new Option<bool>("--scaffold") { Description = "Start from the type's scaffold" };
        var description = new Option<string>("--description") { Description = "What the artifact is for" };
        yield return Define("create", "Create an artifact", [Collection, Name], [scaffold, description], async (hq, p, ct) =>
        {
            var a = await hq.Catalog.CreateArtifactAsync(new CreateArtifactRequest
            {
                Collection = p.GetValue(Collection), Name = p.GetValue(Name), Scaffold = p.GetValue(scaffold), Description = p.GetValue(description) ?? "",
            }, cancellationToken: ct);
            Console.WriteLine($"created {a.Kind}/{a.Name} {a.HeadCommit}");
        });

        yield return Define("files", "List the files of a ref", [Collection, Name], [Ref], async (hq, p, ct) =>
        {
            var tree = await hq.Catalog.GetTreeAsync(new GetTreeRequest { Collection = p.GetValue(Collection), Name = p.GetValue(Name), Ref = p.GetValue(Ref) ?? "" },
                cancellationToken: ct);
            foreach (var e in tree.Entries) Console.WriteLine($"{e.Size,10}  {e.Path}");
        });

        yield return Define("cat", "Print a file", [Collection, Name, FilePath], [Ref], async (hq, p, ct) =>
        {
            var file = await hq.Catalog.GetFileAsync(new GetFileRequest
            {
                Collection = p.GetValue(Collection), Name = p.GetValue(Name), Path = p.GetValue(FilePath), Ref = p.GetValue(Ref) ?? "",
            }, cancellationToken: ct);
            using var stdout = Console.OpenStandardOutput();
            stdout.Write(file.BodyCase == Contracts.Catalog.V1.File.BodyOneofCase.Text ? System.Text.Encoding.UTF8.GetBytes(file.Text) : file.Content.ToByteArray());
        });

        var source = new Argument<string>("local-file") { Description = "File to upload ('-' for standard input)" };
        var message = new Option<string>("--message", "-m") { Description = "Commit message" };
        yield return Define("put", "Write a file on main (one commit)", [Collection, Name, FilePath, source], [message], async (hq, p, ct) =>
        {
            var from = p.GetValue(source)!;
            var text = from == "-" ? await Console.In.ReadToEndAsync(ct) : await System.IO.File.ReadAllTextAsync(from, ct);
            var commit = await hq.WriteTextAsync(p.GetValue(Collection)!, p.GetValue(Name)!, p.GetValue(FilePath)!, text, p.GetValue(message), ct);
            Console.WriteLine($"{commit.Commit} {commit.Message}");
        });

        yield return Define("rm", "Delete a file on main (one commit)", [Collection, Name, FilePath], [message], async (hq, p, ct) =>
        {
            var tree = await hq.Catalog.GetTreeAsync(new GetTreeRequest { Collection = p.GetValue(Collection), Name = p.GetValue(Name) }, cancellationToken: ct);
            var commit = await hq.Catalog.DeleteFileAsync(new DeleteFileRequest
            {
                Collection = p.GetValue(Collection), Name = p.GetValue(Name), Path = p.GetValue(FilePath), BaseCommit = tree.Commit, Message = p.GetValue(message) ?? "",
            }, cancellationToken: ct);
            Console.WriteLine($"{commit.Commit} {commit.Message}");
        });

        yield return Define("validate", "Validate a ref with the type's plugin", [Collection, Name], [Ref], async (hq, p, ct) =>
        {
            var result = await hq.Catalog.ValidateAsync(new ValidateArtifactRequest { Collection = p.GetValue(Collection), Name = p.GetValue(Name), Ref = p.GetValue(Ref) ?? "" },
                cancellationToken: ct);
            foreach (var d in result.Diagnostics) Console.WriteLine($"{d.Severity}: {d.File}:{d.Line}:{d.Column}: {d.Message}");
            Console.WriteLine(result.Valid ? "valid" : "invalid");
            if (!result.Valid) Environment.ExitCode = 1;
        });

        var from = new Option<string>("--from") { Description = "Older ref (default: nothing)" };
        var to = new Option<string>("--to") { Description = "Newer ref (default: main)" };
        yield return Define("diff", "Diff two refs file by file", [Collection, Name], [from, to], async (hq, p, ct) =>
            PrintDiff(await hq.Catalog.DiffRefsAsync(new DiffRequest
            {
                Collection = p.GetValue(Collection), Name = p.GetValue(Name), From = p.GetValue(from) ?? "", To = p.GetValue(to) ?? "",
            }, cancellationToken: ct)));

        yield return Define("changes", "Pending changes: main against the latest version", [Collection, Name], [], async (hq, p, ct) =>
            PrintDiff(await hq.Catalog.GetChangesAsync(new ArtifactRef { Collection = p.GetValue(Collection), Name = p.GetValue(Name) }, cancellationToken: ct)));

        var version = new Argument<string>("version") { Description = "The new version, e.g. 1.2.0" };
        var notes = new Option<string>("--notes") { Description = "Release notes" };
        yield return Define("publish", "Publish main's head as an immutable version", [Collection, Name, version], [notes], async (hq, p, ct) =>
        {
            var v = await hq.Catalog.PublishVersionAsync(new PublishVersionRequest
            {
                Collection = p.GetValue(Collection), Name = p.GetValue(Name), Version = p.GetValue(version), Notes = p.GetValue(notes) ?? "",
            }, cancellationToken: ct);
            Console.WriteLine($"published {v.Name} {v.Version_} at {v.Commit}");
        });

        yield return Define("versions", "List versions, most recent first", [Collection, Name], [], async (hq, p, ct) =>
        {
            var list = await hq.Catalog.ListVersionsAsync(new ListVersionsRequest { Collection = p.GetValue(Collection), Name = p.GetValue(Name), PageSize = 1000 },
                cancellationToken: ct);
            foreach (var v in list.Versions)
                Console.WriteLine($"{v.Version_,-20} {v.PublishedAt.ToDateTimeOffset():yyyy-MM-dd HH:mm}  {v.Publisher.Username,-12} {v.Commit[..12]}  {v.Notes.Split('\n')[0]}");
        });
    }

    private static void PrintDiff(Diff diff)
    {
        foreach (var f in diff.Files)
        {
            Console.WriteLine($"{f.Status} {(f.OldPath != "" ? f.OldPath + " -> " : "")}{f.Path} (+{f.Additions} -{f.Deletions})");
            Console.Write(f.Patch);
        }
    }

    private static string Or(string value, string fallback) => value == "" ? fallback : value;

    private static Command Define(string name, string description, Argument[] arguments, Option[] options,
        Func<Sdk.GitOpsHQClient, ParseResult, CancellationToken, Task> run)
    {
        var command = new Command(name, description);
        foreach (var argument in arguments) command.Arguments.Add(argument);
        foreach (var option in options) command.Options.Add(option);
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                using var hq = ServerConnection.Connect(parse);
                await run(hq, parse, ct);
                return Environment.ExitCode;
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"gitopshq: {e.Status.Detail} ({e.StatusCode})");
                return 1;
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or HttpRequestException)
            {
                Console.Error.WriteLine($"gitopshq: {e.Message}");
                return 1;
            }
        });
        return command;
    }
}
