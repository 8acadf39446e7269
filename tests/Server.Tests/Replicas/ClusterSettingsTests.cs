using GitOpsHQ.Server.Cluster;
using GitOpsHQ.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GitOpsHQ.Server.Tests.Replicas;

/// <summary>The Cluster and Redis settings: what a single server gets by default and what more replicas need.</summary>
public sealed class ClusterSettingsTests
{
    [Fact]
    public void More_replicas_need_Redis_and_the_refusal_names_the_setting()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => new ClusterOptions { Replicas = 2 }.Validate(new RedisOptions(), GitOpsHQ.Server.Storage.DatabaseProvider.Postgres));
        Assert.Contains("Redis:Configuration", refused.Message);
        new ClusterOptions { Replicas = 2 }.Validate(new RedisOptions { Configuration = "127.0.0.1:6379" }, GitOpsHQ.Server.Storage.DatabaseProvider.Postgres);
        Assert.Contains("Cluster:Replicas", Assert.Throws<InvalidOperationException>(() => new ClusterOptions { Replicas = 0 }.Validate(new RedisOptions(), GitOpsHQ.Server.Storage.DatabaseProvider.Postgres)).Message);
        Assert.Contains("Redis:Configuration is not",
            Assert.Throws<InvalidOperationException>(() => new ClusterOptions().Validate(new RedisOptions { Configuration = "127.0.0.1:6379,nosuchoption=1" }, GitOpsHQ.Server.Storage.DatabaseProvider.Postgres)).Message);
        Assert.Contains("Cluster:WriteWait",
            Assert.Throws<InvalidOperationException>(() => new ClusterOptions { WriteWait = TimeSpan.Zero }.Validate(new RedisOptions(), GitOpsHQ.Server.Storage.DatabaseProvider.Postgres)).Message);
    }

    [Fact]
    public async Task A_single_server_has_a_replica_id_and_the_in_process_leases_and_notices()
    {
        await using var server = await TestServer.StartAsync();
        Assert.Equal(ReplicaIdentity.Default(), server.Services.GetRequiredService<ReplicaIdentity>().Id);
        Assert.IsType<InProcessLeases>(server.Services.GetRequiredService<IReplicaLeases>());
        Assert.IsType<InProcessNotices>(server.Services.GetRequiredService<IReplicaNotices>());
        Assert.Null(server.Services.GetService<RedisConnection>());

        await using var named = await TestServer.StartAsync(null, "--Cluster:ReplicaId=registry-2");
        Assert.Equal("registry-2", named.Services.GetRequiredService<ReplicaIdentity>().Id);
    }
}
