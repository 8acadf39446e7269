using GitOpsHQ.Server.Auth;
using GitOpsHQ.Server.Hosting;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

if (args is ["migrate-db", ..])
    return DatabaseMigration.Run(args[1..], Console.Out, Console.Error);

WebApplication app;
try
{
    app = ServerApp.Build(args);
}
catch (Exception e) when (e is PluginLoadException or InvalidOperationException)
{
    Console.Error.WriteLine($"gitopshq: cannot start: {e.Message}");
    return 1;
}

string url;
FirstAdmin? firstAdmin;
try
{
    (url, firstAdmin) = await ServerApp.StartAsync(app);
}
catch (GitOpsHQ.Server.Errors.ProductException e)
{
    // E.g. settling a publication left by a stopped server needs the artifact's write lease, and Redis cannot be reached.
    Console.Error.WriteLine($"gitopshq: cannot start: {e.Message}");
    return 1;
}
var layout = app.Services.GetRequiredService<DataLayout>();
Console.WriteLine($"GitOpsHQ Registry & Catalog {BuildVersion.Text} is listening on {url}");
Console.WriteLine($"  data folder: {layout.Root}");
Console.WriteLine($"  database: {app.Services.GetRequiredService<Database>().Describe()}");
var cluster = app.Services.GetRequiredService<GitOpsHQ.Server.Cluster.ClusterOptions>();
if (app.Services.GetService<GitOpsHQ.Server.Cluster.RedisConnection>() is not null)
    Console.WriteLine($"  replica: {app.Services.GetRequiredService<GitOpsHQ.Server.Cluster.ReplicaIdentity>()} (of {cluster.Replicas}; sharing through Redis)");
Console.WriteLine($"  UI: {url}/charts   REST: {url}/api/v2   OpenAPI: {url}/api/v2/openapi.json");
if (firstAdmin is not null)
{
    Console.WriteLine($"  First start: sign in as admin with the password below (also in {layout.AdminPassword}); the admin's");
    Console.WriteLine($"  personal access token for the API is below it (also in {layout.AdminToken}). Neither is shown again.");
    Console.WriteLine($"  password: {firstAdmin.Password}");
    Console.WriteLine($"  token:    {firstAdmin.Token}");
}
else
{
    Console.WriteLine($"  Sign in with a password or a personal access token (the first admin's are in {layout.AdminPassword} and {layout.AdminToken}).");
}
await app.WaitForShutdownAsync();
return 0;
