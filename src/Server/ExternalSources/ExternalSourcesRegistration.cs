namespace GitOpsHQ.Server.ExternalSources;

/// <summary>Wires external chart sources: the network rule, credentials, sources, their periodic sync and the API.</summary>
public static class ExternalSourcesRegistration
{
    public static void AddExternalSources(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(ExternalSourcesOptions.Section);
        (section.Get<ExternalSourcesOptions>() ?? new ExternalSourcesOptions()).Validate();
        builder.Services.Configure<ExternalSourcesOptions>(section);
        builder.Services.AddSingleton<OutboundPolicy>();
        builder.Services.AddSingleton<OutboundClients>();
        builder.Services.AddSingleton<ExternalSourcesSchema>();
        builder.Services.AddSingleton<SourceCredentials>();
        builder.Services.AddSingleton<ExternalSourceStore>();
        builder.Services.AddSingleton<ExternalCharts>();
        builder.Services.AddSingleton<ExternalSync>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExternalSync>());
    }

    public static void MapExternalSources(this WebApplication app) => app.MapGrpcService<SourcesGrpcService>();
}
