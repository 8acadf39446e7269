namespace GitOpsHQ.Server.Workloads;

/// <summary>Wires workloads: GitOps repositories and their Git endpoints, targets, desired state, the store and the API.</summary>
public static class WorkloadsRegistration
{
    public static void AddWorkloads(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GitOpsRepositories>();
        builder.Services.AddSingleton<GitOpsHttp>();
        builder.Services.AddSingleton<GitTargets>();
        builder.Services.AddSingleton<DesiredState>();
        builder.Services.AddSingleton<WorkloadStore>();
        builder.Services.AddSingleton<WorkloadService>();
    }

    public static void MapWorkloads(this WebApplication app)
    {
        app.MapGrpcService<WorkloadsGrpcService>();
        GitOpsHttp.Map(app);
    }
}
