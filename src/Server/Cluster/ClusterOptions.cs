namespace GitOpsHQ.Server.Cluster;

/// <summary>
/// Section `Cluster`: how many identical replicas run on this data folder and who this one is. One replica (the default)
/// needs nothing else; more than one needs Redis (<see cref="RedisOptions"/>) for what they must share.
/// </summary>
public sealed class ClusterOptions
{
    public const string Section = "Cluster";

    /// <summary>How many replicas the operator runs on this data folder.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>This replica's name in leases, journals and logs; empty means host name and process id.</summary>
    public string ReplicaId { get; set; } = "";

    /// <summary>Longest a writer waits for another replica's write of the same artifact before it is refused (503, retry).</summary>
    public TimeSpan WriteWait { get; set; } = TimeSpan.FromSeconds(30);

    public void Validate(RedisOptions redis, Storage.DatabaseProvider database)
    {
        if (Replicas < 1) throw new InvalidOperationException($"{Section}:Replicas must be 1 or more (it is {Replicas}).");
        if (Replicas > 1 && database == Storage.DatabaseProvider.Sqlite)
            throw new InvalidOperationException(
                $"{Section}:Replicas above 1 needs a database the replicas share: set Database:Provider=postgres and Database:ConnectionString " +
                "(the embedded SQLite file serves one process).");
        if (Replicas > 1 && !redis.Enabled)
            throw new InvalidOperationException(
                $"{Section}:Replicas is {Replicas}, and replicas share rate limits, job leases and write leases through Redis: " +
                $"set {RedisOptions.Section}:Configuration (for example --{RedisOptions.Section}:Configuration=redis.internal:6379).");
        if (WriteWait <= TimeSpan.Zero) throw new InvalidOperationException($"{Section}:WriteWait must be a positive time.");
        if (redis.Enabled)
        {
            try
            {
                StackExchange.Redis.ConfigurationOptions.Parse(redis.Configuration);
            }
            catch (ArgumentException e)
            {
                throw new InvalidOperationException($"{RedisOptions.Section}:Configuration is not a StackExchange.Redis configuration (host:port,option=value,…): {e.Message}");
            }
        }
    }
}

/// <summary>Section `Redis`: a StackExchange.Redis configuration string (`host:port,password=…,ssl=true`); empty means no Redis.</summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    public string Configuration { get; set; } = "";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}

/// <summary>This replica's name (Cluster:ReplicaId, by default host name and process id).</summary>
public sealed record ReplicaIdentity(string Id)
{
    public static string Default() => $"{Environment.MachineName}-{Environment.ProcessId}";

    public override string ToString() => Id;
}
