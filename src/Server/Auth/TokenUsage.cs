using System.Collections.Concurrent;
using GitOpsHQ.Server.Storage;
using Microsoft.Extensions.Hosting;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// "Last used" of tokens, kept in memory on every request and written to the database in batches,
/// so that authenticating never costs a database write.
/// </summary>
public sealed class TokenUsage(Database database) : BackgroundService
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new();

    public void Record(string tokenId, DateTimeOffset when)
    {
        _seen[tokenId] = when;
        _pending[tokenId] = when;
    }

    public DateTimeOffset? LastUsed(string tokenId) => _seen.TryGetValue(tokenId, out var when) ? when : null;

    public void Flush()
    {
        if (_pending.IsEmpty) return;
        using var connection = database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var key in _pending.Keys)
        {
            if (!_pending.TryRemove(key, out var when)) continue;
            // Registry token keys carry their prefix; personal access token keys are bare ids.
            var (table, id) = key.StartsWith(RegistryTokens.Prefix, StringComparison.Ordinal)
                ? ("registry_tokens", key[RegistryTokens.Prefix.Length..])
                : ("access_tokens", key);
            using var command = connection.Command($"UPDATE {table} SET last_used_at = $t WHERE id = $id", ("$id", id), ("$t", when.ToUnixTimeSeconds()));
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Flush();
        }
        catch (OperationCanceledException)
        {
        }
        Flush();
    }
}
