using System.Collections.Concurrent;
using GitOpsHQ.Server.Storage;

namespace GitOpsHQ.Server.Auth;

/// <summary>
/// "Last used" of tokens, kept in memory on every request and written to the database in batches,
/// so that authenticating never costs a database write. A batch that cannot be written (a locked or full disk) is
/// logged and kept for the next one; it never stops the server. Each replica writes the uses it saw itself, so this job
/// runs on every replica (no lease).
/// </summary>
public sealed class TokenUsage(Database database, ILogger<TokenUsage> logger) : BackgroundService
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
        var batch = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var key in _pending.Keys)
            if (_pending.TryRemove(key, out var when)) batch.Add(new(key, when));
        try
        {
            Write(batch);
        }
        catch
        {
            // Keep what was not written, unless a newer use arrived meanwhile.
            foreach (var (key, when) in batch) _pending.AddOrUpdate(key, when, (_, newer) => newer > when ? newer : when);
            throw;
        }
    }

    private void Write(List<KeyValuePair<string, DateTimeOffset>> batch)
    {
        using var connection = database.Open();
        using var transaction = connection.BeginWrite();
        foreach (var (key, when) in batch)
        {
            // Registry token keys carry their prefix; personal access token keys are bare ids.
            var (table, id) = key.StartsWith(RegistryTokens.Prefix, StringComparison.Ordinal)
                ? ("registry_tokens", key[RegistryTokens.Prefix.Length..])
                : ("access_tokens", key);
            using var command = connection.Command($"UPDATE {table} SET last_used_at = @t WHERE id = @id", ("@id", id), ("@t", when.ToUnixTimeSeconds()));
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
            while (await timer.WaitForNextTickAsync(stoppingToken)) TryFlush();
        }
        catch (OperationCanceledException)
        {
        }
        TryFlush();
    }

    private void TryFlush()
    {
        try
        {
            Flush();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            logger.LogWarning(e, "Could not record when tokens were last used; trying again with the next batch");
        }
    }
}
