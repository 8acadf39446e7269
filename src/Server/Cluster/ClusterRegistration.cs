namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// Wires what replicas share: with <c>Redis:Configuration</c>, leases and notices in Redis (and the registry's rate limit,
/// see <c>RegistryRateLimit</c>); without it, the in-process defaults of a single server.
/// </summary>
public static class ClusterRegistration
{
    public static void AddCluster(this WebApplicationBuilder builder)
    {
        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var redis = builder.Configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var database = builder.Configuration.GetSection(Storage.DatabaseOptions.Section).Get<Storage.DatabaseOptions>() ?? new Storage.DatabaseOptions();
        cluster.Validate(redis, database.Parse());
        builder.Services.AddSingleton(cluster);
        builder.Services.AddSingleton(redis);
        builder.Services.AddSingleton(new ReplicaIdentity(string.IsNullOrWhiteSpace(cluster.ReplicaId) ? ReplicaIdentity.Default() : cluster.ReplicaId.Trim()));
        if (redis.Enabled)
        {
            builder.Services.AddSingleton<RedisConnection>();
            builder.Services.AddSingleton<IReplicaLeases, RedisLeases>();
            builder.Services.AddSingleton<IReplicaNotices, RedisNotices>();
            builder.Services.AddSingleton<SharedTokenBucket.Warnings>();
        }
        else
        {
            builder.Services.AddSingleton<IReplicaLeases, InProcessLeases>();
            builder.Services.AddSingleton<IReplicaNotices, InProcessNotices>();
        }
    }
}
