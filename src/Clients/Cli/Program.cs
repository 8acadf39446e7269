using System.CommandLine;
using GitOpsHQ.Cli;

var root = new RootCommand("gitopshq — the GitOpsHQ Registry & Catalog command-line tool.\n" +
                           "Server and token come from --server/--token, GITOPSHQ_SERVER/GITOPSHQ_TOKEN, or ./data/admin-token.");
root.Options.Add(ServerConnection.Server);
root.Options.Add(ServerConnection.Token);
foreach (var command in CatalogCommands.All()) root.Subcommands.Add(command);
root.Subcommands.Add(DemoCommand.Create());
root.Subcommands.Add(KustomizeCommand.Create());
root.Subcommands.Add(TemplateCommand.Create());
return await root.Parse(args).InvokeAsync();
