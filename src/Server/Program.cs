using GitOpsHQ.Server.Hosting;
using GitOpsHQ.Server.Plugins;
using GitOpsHQ.Server.Storage;

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

var (url, adminToken) = await ServerApp.StartAsync(app);
var layout = app.Services.GetRequiredService<DataLayout>();
Console.WriteLine($"GitOpsHQ Registry & Catalog is listening on {url}");
Console.WriteLine($"  data folder: {layout.Root}");
Console.WriteLine($"  UI: {url}/charts   REST: {url}/api/v2   OpenAPI: {url}/api/v2/openapi.json");
if (adminToken is not null)
{
    Console.WriteLine($"  First start: the admin token is below and in {layout.AdminToken}. It is not shown again.");
    Console.WriteLine($"  {adminToken}");
}
else
{
    Console.WriteLine($"  Log in with a personal access token (the first admin's is in {layout.AdminToken}).");
}
await app.WaitForShutdownAsync();
return 0;
