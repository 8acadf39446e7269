using GitOpsHQ.Server.Plugins;
using Microsoft.Extensions.Options;

namespace GitOpsHQ.Server.ExternalSources;

/// <summary>
/// Syncs each external source once per <see cref="ExternalSourcesOptions.SyncInterval"/>. Each source keeps its own
/// phase within the interval (derived from its name when it is created), so a thousand sources are spread over the hour
/// instead of firing together; due sources are synced one after another. A round runs on one replica at a time (the
/// lease <c>job:external-sync</c>); the others skip it.
/// </summary>
public sealed class ExternalSync(ExternalCharts charts, ExternalSourceStore store, ArtifactKinds kinds, IOptionsMonitor<ExternalSourcesOptions> options,
    TimeProvider clock, Cluster.IReplicaLeases leases, ILogger<ExternalSync> logger) : BackgroundService
{
    public const string Job = "external-sync";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = TimeSpan.FromTicks(Math.Clamp(options.CurrentValue.SyncInterval.Ticks / 20, TimeSpan.FromMilliseconds(500).Ticks, TimeSpan.FromSeconds(30).Ticks));
        using var timer = new PeriodicTimer(tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!options.CurrentValue.PeriodicSync) continue;
                await Cluster.ReplicaLeaseExtensions.RunAloneAsync(leases, Job, RunDueAsync, logger, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Syncs every source that is due; returns how many were synced.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var synced = 0;
        List<SourceState> due;
        try
        {
            due = store.Due(clock.GetUtcNow(), 50);
        }
        catch (System.Data.Common.DbException e)
        {
            logger.LogWarning(e, "Could not read which external sources are due; trying again at the next round");
            return 0;
        }
        foreach (var source in due)
        {
            if (!kinds.TryGet(source.Kind, out var kind)) continue;
            try
            {
                await charts.SyncAsync(kind, source.Name, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The error is kept on the source (last_sync_error); the next round is scheduled all the same.
                logger.LogWarning("Syncing {Kind}/{Name} failed: {Message}", source.Kind, source.Name, e.Message);
            }
            synced++;
        }
        return synced;
    }
}
